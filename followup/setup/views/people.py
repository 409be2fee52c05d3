"""Settings › People (L8): everyone of the organization, inviting by e-mail, a person's role and
department, a fresh invitation, deactivating a leaver with their open tasks handed over, and
bringing someone back."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from followup.accounts.invitations import is_invited
from followup.accounts.models import Role
from followup.accounts.people import person_update, user_reactivate
from followup.accounts.selectors import people_of
from followup.core.exceptions import FieldErrors
from followup.setup import selectors
from followup.setup.people import INVITATION_DAYS, invitation_resend, person_deactivate, person_invite
from followup.setup.selectors import PEOPLE_SHOWS
from followup.setup.views.common import admin_only, done, paging, settings_render

INVITE_FIELDS = ("email", "first_name", "last_name", "role", "department_id")


def _people_page(request, *, invite: dict, errors: dict, status: int = 200):
    show = request.GET.get("show") if request.GET.get("show") in PEOPLE_SHOWS else "active"
    number, size = paging(request)
    q = (request.GET.get("q") or "").strip()
    return settings_render(request, "setup/people.html", {
        "people": selectors.people_page(actor=request.user, show=show, q=q, number=number, size=size),
        "show": show, "q": q, "invite": invite, "errors": errors, "roles": Role.choices,
        "department_choices": selectors.department_choices(actor=request.user),
    }, page="setup:people", status=status)


@admin_only
def people(request):
    """The list (active, invited, deactivated; searchable) and the invitation form. Queries:
    session, user + organization, header count, the tab counts, the page, its open-task counts,
    the departments."""
    if request.method == "POST":
        invite = {k: request.POST.get(k, "").strip() for k in INVITE_FIELDS}
        try:
            user = person_invite(actor=request.user, email=invite["email"], first_name=invite["first_name"],
                                 last_name=invite["last_name"], role=invite["role"] or Role.MEMBER,
                                 department_id=invite["department_id"] or None)
        except FieldErrors as exc:
            return _people_page(request, invite=invite, errors=exc.errors, status=422)
        return done(request, _("Invitation sent to %(email)s.") % {"email": user.email}, "setup:person", user.pk)
    return _people_page(request, invite={"role": Role.MEMBER}, errors={})


def _person_page(request, user_id: int, *, values: dict | None = None, errors: dict | None = None,
                 status: int = 200):
    detail = selectors.person_detail(actor=request.user, user_id=user_id)
    person = detail.person
    return settings_render(request, "setup/person.html", {
        "detail": detail, "person": person, "roles": Role.choices,
        "department_choices": selectors.department_choices(actor=request.user),
        "successors": [p for p in people_of(organization_id=request.user.organization_id) if p.pk != person.pk],
        "values": values or {"role": person.role, "department_id": str(person.department_id or "")},
        "errors": errors or {}, "is_me": person.pk == request.user.pk, "invited": is_invited(person),
        "days": INVITATION_DAYS,
    }, page="setup:people", status=status)


@admin_only
def person(request, user_id: int):
    """One person: role and department (saved together, each error by its field)."""
    if request.method == "POST":
        values = {"role": request.POST.get("role", ""), "department_id": request.POST.get("department_id", "")}
        try:
            user = person_update(actor=request.user, user_id=user_id, role=values["role"],
                                 department_id=values["department_id"] or None)
        except FieldErrors as exc:
            return _person_page(request, user_id, values=values, errors=exc.errors, status=422)
        return done(request, _("%(name)s is saved.") % {"name": user.display_name}, "setup:person", user.pk)
    return _person_page(request, user_id)


@require_POST
@admin_only
def person_resend(request, user_id: int):
    user = invitation_resend(actor=request.user, user_id=user_id)
    return done(request, _("A new invitation is on its way to %(email)s.") % {"email": user.email},
                "setup:person", user.pk)


@require_POST
@admin_only
def person_deactivate_view(request, user_id: int):
    """The leaver can no longer sign in, and their open tasks go to the successor or to Unassigned."""
    successor_id = request.POST.get("successor_id") or None
    try:
        departure = person_deactivate(actor=request.user, user_id=user_id, successor_id=successor_id)
    except FieldErrors as exc:
        return _person_page(request, user_id, errors=exc.errors, status=422)
    words = {"name": departure.user.display_name, "n": departure.tasks,
             "to": departure.successor.display_name if departure.successor else ""}
    if not departure.tasks:
        text = _("%(name)s is deactivated.") % words
    elif departure.successor:
        text = ngettext("%(name)s is deactivated; %(n)s open task went to %(to)s.",
                        "%(name)s is deactivated; %(n)s open tasks went to %(to)s.", departure.tasks) % words
    else:
        text = ngettext("%(name)s is deactivated; %(n)s open task is in the Unassigned list now.",
                        "%(name)s is deactivated; %(n)s open tasks are in the Unassigned list now.",
                        departure.tasks) % words
    if departure.headed:
        text += " " + _("Name a new head for: %(departments)s.") % {
            "departments": ", ".join(d.name for d in departure.headed)}
    return done(request, text, "setup:person", user_id)


@require_POST
@admin_only
def person_reactivate(request, user_id: int):
    user = user_reactivate(actor=request.user, user_id=user_id)
    return done(request, _("%(name)s can sign in again.") % {"name": user.display_name}, "setup:person", user.pk)
