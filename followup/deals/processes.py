"""L4, D8: sales processes and their stages, as administrators keep them in Settings.

A stage is a row of its own (``SalesStage``): deals point at it by id, and so will automation
rules ("when a deal enters stage S", D8), so renaming a stage or moving it in the pipeline
changes nothing for them. A stage that deals are at is deleted only by moving those deals to
another stage of the process first, in the same step (each move recorded on the deal, as a
move by hand is, C4). A process keeps at least one stage, and is deleted only when no deal is
in it.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from followup.accounts.access import ensure_admin
from followup.accounts.models import User
from followup.core.exceptions import FieldErrors, NotFound
from followup.core.fetch import visible_or_not_found
from followup.core.naming import clean_name, save_unique
from followup.core.ordering import move_in_order, next_position
from followup.deals import events
from followup.deals.models import STAGE_MAX, Deal, DealAction, DealChange, SalesProcess, SalesStage

PROCESS_NAME_MAX = SalesProcess._meta.get_field("name").max_length
STAGES_MAX = 30


def process_get(*, actor: User, process_id) -> SalesProcess:
    return visible_or_not_found(SalesProcess.objects.filter(organization_id=actor.organization_id), process_id,
                                _("Sales process not found."))


def stage_get(*, actor: User, stage_id) -> SalesStage:
    return visible_or_not_found(
        SalesStage.objects.filter(process__organization_id=actor.organization_id).select_related("process"),
        stage_id, _("Stage not found."))


PROCESS_TAKEN = gettext_lazy("There is a sales process of this name already.")


def _process_name(raw, errors: dict) -> str:
    return clean_name(raw, limit=PROCESS_NAME_MAX, empty=_("Give the process a name."), errors=errors)


def _stage_names(raw: list[str], errors: dict) -> list[str]:
    names = [" ".join((n or "").split()) for n in raw or []]
    names = [n for n in names if n]
    if not names:
        errors["stages"] = [_("Name at least one stage, one a line.")]
    elif len(names) > STAGES_MAX:
        errors["stages"] = [_("A process can have at most %(n)s stages.") % {"n": STAGES_MAX}]
    elif any(len(n) > STAGE_MAX for n in names):
        errors["stages"] = [_("A stage name can be at most %(n)s characters long.") % {"n": STAGE_MAX}]
    elif len({n.casefold() for n in names}) != len(names):
        errors["stages"] = [_("Name each stage once.")]
    return names


def sales_process_add(*, actor: User, name: str, stages: list[str]) -> SalesProcess:
    """A new pipeline with its stages in order."""
    ensure_admin(actor)
    errors: dict[str, list[str]] = {}
    process = SalesProcess(organization_id=actor.organization_id, name=_process_name(name, errors))
    names = _stage_names(stages, errors)
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        save_unique(process, taken=PROCESS_TAKEN)
        SalesStage.objects.bulk_create([SalesStage(process=process, name=n, position=i) for i, n in enumerate(names)])
    return process


def sales_process_rename(*, actor: User, process_id: int, name: str) -> SalesProcess:
    ensure_admin(actor)
    process = process_get(actor=actor, process_id=process_id)
    errors: dict[str, list[str]] = {}
    process.name = _process_name(name, errors)
    if errors:
        raise FieldErrors(errors)
    return save_unique(process, taken=PROCESS_TAKEN, update_fields=["name"])


def sales_process_delete(*, actor: User, process_id: int) -> None:
    """Delete a process no deal is in (its stages go with it)."""
    ensure_admin(actor)
    with transaction.atomic():
        process = process_get(actor=actor, process_id=process_id)
        deals = Deal.objects.filter(process=process).count()
        if deals:
            raise FieldErrors.single("process", ngettext(
                "%(n)s deal is in this process: move it to another process first.",
                "%(n)s deals are in this process: move them to another process first.", deals) % {"n": deals})
        process.delete()


def _save_stage(stage: SalesStage) -> SalesStage:
    return save_unique(stage, taken=_("This process has a stage of this name already."))


def _stage_name(raw, errors: dict) -> str:
    return clean_name(raw, limit=STAGE_MAX, empty=_("Give the stage a name."), errors=errors)


def stage_add(*, actor: User, process_id: int, name: str) -> SalesStage:
    """A new stage at the end of the pipeline."""
    ensure_admin(actor)
    process = process_get(actor=actor, process_id=process_id)
    errors: dict[str, list[str]] = {}
    name = _stage_name(name, errors)
    if process.stages.count() >= STAGES_MAX:
        errors["name"] = [_("A process can have at most %(n)s stages.") % {"n": STAGES_MAX}]
    if errors:
        raise FieldErrors(errors)
    return _save_stage(SalesStage(process=process, name=name, position=next_position(process.stages.all())))


def stage_rename(*, actor: User, stage_id: int, name: str) -> SalesStage:
    """Rename a stage: its deals (and rules) stay at it, since they name it by id."""
    ensure_admin(actor)
    stage = stage_get(actor=actor, stage_id=stage_id)
    errors: dict[str, list[str]] = {}
    stage.name = _stage_name(name, errors)
    if errors:
        raise FieldErrors(errors)
    return _save_stage(stage)


def stage_move(*, actor: User, stage_id: int, offset: int) -> bool:
    """Move a stage earlier (negative ``offset``) or later in its pipeline."""
    ensure_admin(actor)
    with transaction.atomic():
        stage = stage_get(actor=actor, stage_id=stage_id)
        return move_in_order(SalesStage.objects.filter(process_id=stage.process_id), stage.pk, offset)


def stage_delete(*, actor: User, stage_id: int, move_to_id: int | None = None) -> int:
    """Delete a stage; the deals at it first move to ``move_to_id``, another stage of the same
    process (required when there are any). Returns how many deals moved."""
    ensure_admin(actor)
    with transaction.atomic():
        stage = stage_get(actor=actor, stage_id=stage_id)
        if SalesStage.objects.filter(process_id=stage.process_id).count() <= 1:
            raise FieldErrors.single("stage", _("A sales process needs at least one stage."))
        deals = list(Deal.objects.select_for_update().filter(stage=stage).values_list("pk", flat=True))
        target = None
        if deals:
            try:
                target = stage_get(actor=actor, stage_id=move_to_id) if move_to_id not in (None, "") else None
            except NotFound:
                target = None
            if target is None or target.process_id != stage.process_id or target.pk == stage.pk:
                raise FieldErrors.single("move_to_id", ngettext(
                    "%(n)s deal is at “%(stage)s”: choose another stage of the process to move it to.",
                    "%(n)s deals are at “%(stage)s”: choose another stage of the process to move them to.",
                    len(deals)) % {"n": len(deals), "stage": stage.name})
            Deal.objects.filter(pk__in=deals).update(stage=target, updated_at=timezone.now())
            DealChange.objects.bulk_create([DealChange(deal_id=pk, actor=actor, action=DealAction.STAGE,
                                                       old=stage.name, new=target.name) for pk in deals])
            events.deal_stage_entered.announce(organization_id=actor.organization_id, stage_id=target.pk,
                                               deal_ids=deals, actor_id=actor.pk)
        stage.delete()
    return len(deals)
