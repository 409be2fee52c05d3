"""Settings › Departments (J13, A6: each with its head) and Teams (B2: the groups assignment
rules share work among)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.accounts import departments as dept_services
from followup.accounts import teams as team_services
from followup.accounts.access import department_get, team_get
from followup.accounts.selectors import person_label
from followup.core.exceptions import FieldErrors
from followup.setup import selectors
from followup.setup.views.common import admin_only, delete_view, done, settings_render


def _departments_page(request, *, values: dict, errors: dict, status: int = 200):
    return settings_render(request, "setup/departments.html", {
        "departments": selectors.departments_overview(actor=request.user),
        "head_label": person_label(actor=request.user, person_id=values.get("head_id")),  # the picker's name
        "values": values, "errors": errors,
    }, page="setup:departments", status=status)


@admin_only
def departments(request):
    """Queries: session, user + organization, header count, departments with heads and member
    counts (and a head's name after an error: the head is a people picker)."""
    if request.method == "POST":
        values = {"name": request.POST.get("name", ""), "head_id": request.POST.get("head_id", "")}
        try:
            department = dept_services.department_add(actor=request.user, name=values["name"],
                                                       head_id=values["head_id"] or None)
        except FieldErrors as exc:
            return _departments_page(request, values=values, errors=exc.errors, status=422)
        return done(request, _("Department “%(name)s” added.") % {"name": department.name}, "setup:departments")
    return _departments_page(request, values={}, errors={})


def _department_page(request, department_id: int, *, values: dict | None = None, errors: dict | None = None,
                     status: int = 200):
    department = department_get(actor=request.user, department_id=department_id)
    return settings_render(request, "setup/department.html", {
        "department": department, "members": selectors.department_members(department=department),
        "head_label": person_label(actor=request.user, person_id=(values or {}).get("head_id", department.head_id)),
        "values": values or {"name": department.name, "head_id": str(department.head_id or "")},
        "errors": errors or {},
    }, page="setup:departments", status=status)


@admin_only
def department(request, department_id: int):
    if request.method == "POST":
        values = {"name": request.POST.get("name", ""), "head_id": request.POST.get("head_id", "")}
        try:
            saved = dept_services.department_update(actor=request.user, department_id=department_id,
                                                    name=values["name"], head_id=values["head_id"] or None)
        except FieldErrors as exc:
            return _department_page(request, department_id, values=values, errors=exc.errors, status=422)
        return done(request, _("Department “%(name)s” saved.") % {"name": saved.name}, "setup:department", saved.pk)
    return _department_page(request, department_id)


department_delete = delete_view(
    lambda actor, pk: department_get(actor=actor, department_id=pk),
    lambda actor, pk: dept_services.department_delete(actor=actor, department_id=pk),
    gettext_lazy("Department “%(name)s” deleted."), "setup:departments")


def _teams_page(request, *, values: dict, errors: dict, status: int = 200):
    return settings_render(request, "setup/teams.html", {
        "teams": selectors.teams_overview(actor=request.user), "values": values, "errors": errors,
    }, page="setup:teams", status=status)


@admin_only
def teams(request):
    """Queries: session, user + organization, header count, teams, their members."""
    if request.method == "POST":
        values = {"name": request.POST.get("name", "")}
        try:
            team = team_services.team_create(actor=request.user, name=values["name"])
        except FieldErrors as exc:
            return _teams_page(request, values=values, errors=exc.errors, status=422)
        return done(request, _("Team “%(name)s” made: add its members.") % {"name": team.name}, "setup:team", team.pk)
    return _teams_page(request, values={}, errors={})


def _team_page(request, team_id: int, *, values: dict | None = None, errors: dict | None = None, status: int = 200):
    team = team_get(actor=request.user, team_id=team_id)
    members = list(team.members.order_by("first_name", "last_name", "pk"))
    return settings_render(request, "setup/team.html", {
        "team": team, "members": members,  # a person to add is found as one types (the people picker)
        "values": values or {"name": team.name}, "errors": errors or {},
    }, page="setup:teams", status=status)


@admin_only
def team(request, team_id: int):
    """Rename the team, add a member or take one out (each a small form posting ``action``)."""
    if request.method != "POST":
        return _team_page(request, team_id)
    action = request.POST.get("action")
    current = list(team_get(actor=request.user, team_id=team_id).members.values_list("pk", flat=True))
    try:
        if action == "add":
            chosen = request.POST.get("member_id") or ""
            if not chosen:
                raise FieldErrors.single("member_ids", _("Choose whom to add."))
            saved = team_services.team_update(actor=request.user, team_id=team_id, member_ids=[*current, chosen])
            message = _("Added to “%(name)s”.") % {"name": saved.name}
        elif action == "remove":
            gone = str(request.POST.get("member_id"))
            saved = team_services.team_update(actor=request.user, team_id=team_id,
                                              member_ids=[pk for pk in current if str(pk) != gone])
            message = _("Taken out of “%(name)s”.") % {"name": saved.name}
        else:
            saved = team_services.team_update(actor=request.user, team_id=team_id, name=request.POST.get("name", ""))
            message = _("Team “%(name)s” saved.") % {"name": saved.name}
    except FieldErrors as exc:
        return _team_page(request, team_id, values={"name": request.POST.get("name", "")} if action == "rename"
                          else None, errors=exc.errors, status=422)
    return done(request, message, "setup:team", saved.pk)


team_delete = delete_view(
    lambda actor, pk: team_get(actor=actor, team_id=pk),
    lambda actor, pk: team_services.team_delete(actor=actor, team_id=pk),
    gettext_lazy("Team “%(name)s” deleted."), "setup:teams")
