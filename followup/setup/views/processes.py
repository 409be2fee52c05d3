"""Settings › Sales processes (L4, D8): pipelines and their stages, each stage named by an id
that deals (and automation rules) keep when it is renamed or moved."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from followup.core.exceptions import FieldErrors
from followup.deals import processes as services
from followup.deals.processes import process_get, stage_get
from followup.deals.services import default_stages
from followup.setup import selectors
from followup.setup.views.common import admin_only, delete_view, done, settings_render

OFFSETS = {"up": -1, "down": 1}


def _processes_page(request, *, values: dict, errors: dict, status: int = 200):
    return settings_render(request, "setup/processes.html", {
        "processes": selectors.processes_overview(actor=request.user), "values": values, "errors": errors,
    }, page="setup:processes", status=status)


@admin_only
def processes(request):
    """Queries: session, user + organization, header count, processes with deal counts, their
    stages with deal counts."""
    if request.method == "POST":
        values = {"name": request.POST.get("name", ""), "stages": request.POST.get("stages", "")}
        try:
            process = services.sales_process_add(actor=request.user, name=values["name"],
                                                 stages=values["stages"].splitlines())
        except FieldErrors as exc:
            return _processes_page(request, values=values, errors=exc.errors, status=422)
        return done(request, _("Sales process “%(name)s” added.") % {"name": process.name}, "setup:process",
                    process.pk)
    return _processes_page(request, values={"stages": "\n".join(default_stages())}, errors={})


def _process_page(request, process_id: int, *, values: dict | None = None, errors: dict | None = None,
                  status: int = 200):
    process = next((p for p in selectors.processes_overview(actor=request.user) if p.pk == int(process_id)), None)
    if process is None:
        process_get(actor=request.user, process_id=process_id)  # the 404
    return settings_render(request, "setup/process.html", {
        "process": process, "stages": list(process.stages.all()), "values": values or {"name": process.name},
        "errors": errors or {},
    }, page="setup:processes", status=status)


@admin_only
def process(request, process_id: int):
    """Rename the process or add a stage at the end of its pipeline."""
    if request.method != "POST":
        return _process_page(request, process_id)
    action = request.POST.get("action")
    try:
        if action == "add_stage":
            stage = services.stage_add(actor=request.user, process_id=process_id, name=request.POST.get("name", ""))
            message = _("Stage “%(name)s” added.") % {"name": stage.name}
        else:
            saved = services.sales_process_rename(actor=request.user, process_id=process_id,
                                                  name=request.POST.get("name", ""))
            message = _("Sales process “%(name)s” saved.") % {"name": saved.name}
    except FieldErrors as exc:
        key = "new_stage" if action == "add_stage" else "process"
        return _process_page(request, process_id, errors={key: exc.errors}, status=422,
                             values={"name": request.POST.get("name", "")} if key == "process" else None)
    return done(request, message, "setup:process", process_id)


process_delete = delete_view(
    lambda actor, pk: process_get(actor=actor, process_id=pk),
    lambda actor, pk: services.sales_process_delete(actor=actor, process_id=pk),
    gettext_lazy("Sales process “%(name)s” deleted."), "setup:processes")


@require_POST
@admin_only
def stage_change(request, stage_id: int):
    """One stage's buttons: ``rename``, ``up``, ``down``, ``delete`` (moving its deals first)."""
    stage = stage_get(actor=request.user, stage_id=stage_id)
    action = request.POST.get("action")
    try:
        if action in OFFSETS:
            services.stage_move(actor=request.user, stage_id=stage.pk, offset=OFFSETS[action])
            message = _("Order saved.")
        elif action == "delete":
            moved = services.stage_delete(actor=request.user, stage_id=stage.pk,
                                          move_to_id=request.POST.get("move_to_id") or None)
            message = _("Stage “%(name)s” deleted.") % {"name": stage.name}
            if moved:
                message += " " + ngettext("%(n)s deal moved on.", "%(n)s deals moved on.", moved) % {"n": moved}
        else:
            saved = services.stage_rename(actor=request.user, stage_id=stage.pk, name=request.POST.get("name", ""))
            message = _("Stage “%(name)s” saved: its deals stay at it.") % {"name": saved.name}
    except FieldErrors as exc:
        return _process_page(request, stage.process_id, errors={stage.pk: exc.errors}, status=422)
    return done(request, message, "setup:process", stage.process_id)
