"""Settings › Task types (L5) and Task statuses (L6): add, rename, reorder, retire and bring
back; a status's category and the default; moving a status's tasks to another (in the
background when there are many), with its progress; and the status handling switch."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from followup.core.exceptions import FieldErrors
from followup.setup import selectors
from followup.setup.views.common import admin_only, done, flag, parse_int_or_none, settings_render
from followup.tasks import config
from followup.tasks.models import StatusCategory
from followup.tasks.status_moves import status_moves_unfinished, task_status_replace

OFFSETS = {"up": -1, "down": 1}


def _editing(request, values: dict, errors: dict) -> dict:
    """Which row shows its edit form (``?edit=<id>``, or the one whose save failed) and its errors."""
    edit = values.get("edit") or parse_int_or_none(request.GET.get("edit"))
    return {"edit": edit, "row_errors": errors.get(edit, {})}


def _types_page(request, *, values: dict, errors: dict, status: int = 200):
    return settings_render(request, "setup/task_types.html", {
        "types": selectors.task_types_overview(actor=request.user), "icons": config.TYPE_ICONS,
        "values": values, "errors": errors, **_editing(request, values, errors),
    }, page="setup:task_types", status=status)


@admin_only
def task_types(request):
    """The list and the add form. Queries: session, user + organization, header count, the types."""
    if request.method == "POST":
        values = {"name": request.POST.get("name", ""), "icon": request.POST.get("icon", "task")}
        try:
            added = config.task_type_add(actor=request.user, name=values["name"], icon=values["icon"])
        except FieldErrors as exc:
            return _types_page(request, values=values, errors={"new": exc.errors}, status=422)
        return done(request, _("Task type “%(name)s” added.") % {"name": added.name}, "setup:task_types")
    return _types_page(request, values={"icon": "task"}, errors={})


RETIRED = gettext_lazy("“%(name)s” is retired: it is no longer offered, and tasks that have it keep it.")
RESTORED = gettext_lazy("“%(name)s” is offered again.")


def _row_change(request, row_id: int, *, move, update, edit_values, saved: str, page, to: str):
    """One row's buttons: ``up`` and ``down``, ``retire`` and ``restore``, and its edit form's
    ``save`` (the fields ``edit_values`` reads from the request); a failed save shows the row's
    form again with its messages."""
    action = request.POST.get("action")
    if action in OFFSETS:
        move(row_id, OFFSETS[action])
        return done(request, _("Order saved."), to)
    try:
        if action in ("retire", "restore"):
            row = update(row_id, is_active=action == "restore")
            message = RESTORED if action == "restore" else RETIRED
        else:
            row = update(row_id, **edit_values(request))
            message = saved
    except FieldErrors as exc:
        return page(request, values={"edit": row_id, **edit_values(request)}, errors={row_id: exc.errors}, status=422)
    return done(request, str(message) % {"name": row.name}, to)


def _type_values(request) -> dict:
    return {"name": request.POST.get("name", ""), "icon": request.POST.get("icon", "")}


@require_POST
@admin_only
def task_type_change(request, type_id: int):
    return _row_change(
        request, type_id, edit_values=_type_values, saved=gettext_lazy("Task type “%(name)s” saved."),
        move=lambda pk, offset: config.task_type_move(actor=request.user, type_id=pk, offset=offset),
        update=lambda pk, **fields: config.task_type_update(actor=request.user, type_id=pk, **fields),
        page=_types_page, to="setup:task_types")


def _statuses_page(request, *, values: dict, errors: dict, status: int = 200):
    return settings_render(request, "setup/task_statuses.html", {
        "statuses": selectors.task_statuses_overview(actor=request.user),
        "moves": status_moves_unfinished(actor=request.user),
        "categories": StatusCategory.choices, "colours": config.STATUS_COLOURS,
        "values": values, "errors": errors, "organization": request.user.organization,
        **_editing(request, values, errors),
    }, page="setup:task_statuses", status=status)


def _status_values(request) -> dict:
    return {"name": request.POST.get("name", ""), "category": request.POST.get("category", ""),
            "color": request.POST.get("color", "slate"), "is_default": flag(request, "is_default")}


@admin_only
def task_statuses(request):
    """The status handling switch, moves in progress, the list and the add form. Queries:
    session, user + organization, header count, the moves, the statuses."""
    if request.method == "POST":
        values = _status_values(request)
        try:
            added = config.task_status_add(actor=request.user, **values)
        except FieldErrors as exc:
            return _statuses_page(request, values=values, errors={"new": exc.errors}, status=422)
        return done(request, _("Status “%(name)s” added.") % {"name": added.name}, "setup:task_statuses")
    return _statuses_page(request, values={"category": StatusCategory.OPEN, "color": "slate"}, errors={})


@require_POST
@admin_only
def task_status_change(request, status_id: int):
    return _row_change(
        request, status_id, edit_values=_status_values, saved=gettext_lazy("Status “%(name)s” saved."),
        move=lambda pk, offset: config.task_status_move(actor=request.user, status_id=pk, offset=offset),
        update=lambda pk, **fields: config.task_status_update(actor=request.user, status_id=pk, **fields),
        page=_statuses_page, to="setup:task_statuses")


def _replace_page(request, status_id: int, *, values: dict, errors: dict, status: int = 200):
    source = config.status_get(actor=request.user, status_id=status_id)
    others = [s for s in selectors.task_statuses_overview(actor=request.user) if s.is_active and s.pk != source.pk]
    return settings_render(request, "setup/status_replace.html", {
        "source": source, "count": selectors.status_task_count(source), "others": others,
        "categories": StatusCategory.choices, "colours": config.STATUS_COLOURS, "values": values,
        "errors": errors,
    }, page="setup:task_statuses", status=status)


@admin_only
def task_status_replace_view(request, status_id: int):
    """L6: move every task of a status to another one, existing or new, and retire it."""
    if request.method == "POST":
        values = {"target": request.POST.get("target", ""), "name": request.POST.get("name", ""),
                  "category": request.POST.get("category", ""), "color": request.POST.get("color", "slate")}
        new = None if values["target"] != "new" else {k: values[k] for k in ("name", "category", "color")}
        try:
            move = task_status_replace(actor=request.user, status_id=status_id,
                                       target_id=None if new else values["target"] or None, new=new)
        except FieldErrors as exc:
            return _replace_page(request, status_id, values=values, errors=exc.errors, status=422)
        if move.finished_at:
            text = ngettext("%(n)s task moved to “%(to)s”; “%(from)s” is retired.",
                            "%(n)s tasks moved to “%(to)s”; “%(from)s” is retired.", move.total)
        else:
            text = ngettext("Moving %(n)s task to “%(to)s” in the background; “%(from)s” is retired.",
                            "Moving %(n)s tasks to “%(to)s” in the background; “%(from)s” is retired.", move.total)
        return done(request, text % {"n": move.total, "to": move.target.name, "from": move.source.name},
                    "setup:task_statuses")
    return _replace_page(request, status_id, values={"target": "", "category": StatusCategory.IN_PROGRESS,
                                                     "color": "blue"}, errors={})


@admin_only
def status_moves(request):
    """The moves' progress card, polled by the statuses page while a move runs (htmx)."""
    return render(request, "setup/_moves.html", {"moves": status_moves_unfinished(actor=request.user)})
