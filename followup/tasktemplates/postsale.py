"""L4, post-sale tasks: a sales process names the template applied when a deal is won and the
one applied when it is lost.

The deal services announce the win or loss (``deals.events.deal_closed``) in their transaction;
when the process names a template for it, the announcement is recorded on automation's queue in
that same transaction and a worker applies the template once (``queue``: claimed, acted on and
marked done in one transaction), owned by the person who closed the deal. A template that
cannot be applied (say, its fixed assignee left) then fails in the queue's log, not the win.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.automation import queue
from followup.automation.checks import ensure_admin
from followup.core.exceptions import FieldErrors
from followup.deals.models import Deal, DealStatus, SalesProcess
from followup.deals.processes import process_get
from followup.tasktemplates.apply import deal_target, template_apply_to
from followup.tasktemplates.models import PostSale, TaskTemplate

DEAL_CLOSED = "post_sale"
FIELDS = {DealStatus.WON: "won_template_id", DealStatus.LOST: "lost_template_id"}


def post_sale_of(process: SalesProcess) -> PostSale:
    """The process's post-sale templates (an unsaved empty row when none was ever set)."""
    return PostSale.objects.filter(process=process).first() or PostSale(process=process)


def post_sale_set(*, actor: User, process_id, **values) -> PostSale:
    """Set ``won_template_id`` and/or ``lost_template_id`` (``None``: apply nothing)."""
    ensure_admin(actor)
    unknown = set(values) - set(FIELDS.values())
    if unknown:
        raise FieldErrors({name: [_("Unknown field.")] for name in sorted(unknown)})
    errors: dict[str, list[str]] = {}
    clean = {}
    for field, value in values.items():
        clean[field] = _template_id(actor, value, field, errors)
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        process = process_get(actor=actor, process_id=process_id)
        post_sale = PostSale.objects.select_for_update().filter(process=process).first() or PostSale(process=process)
        for field, value in clean.items():
            setattr(post_sale, field, value)
        post_sale.save()
    return post_sale


def _template_id(actor: User, value, field: str, errors: dict) -> int | None:
    if value in (None, ""):
        return None
    try:
        return TaskTemplate.objects.get(pk=int(value), organization_id=actor.organization_id).pk
    except (TaskTemplate.DoesNotExist, TypeError, ValueError, OverflowError):
        errors[field] = [_("Choose one of the organization's task templates.")]
        return None


def on_deal_closed(*, deal: Deal, actor: User, outcome: str) -> None:
    """Recorded only when the deal's process names a template for this outcome."""
    field = FIELDS.get(outcome)
    if field is None or deal.process_id is None:
        return
    template_id = PostSale.objects.filter(process_id=deal.process_id).values_list(field, flat=True).first()
    if template_id is not None:
        queue.event_record(kind=DEAL_CLOSED, organization_id=deal.organization_id,
                           payload={"deal_id": deal.pk, "template_id": template_id, "actor_id": actor.pk,
                                    "outcome": outcome})


def deal_closed_handle(payload: dict, *, announced_at) -> int:
    """The worker's half: apply the template named when the deal closed (if both still exist)."""
    deal = Deal.objects.select_related("customer").filter(pk=payload["deal_id"]).first()
    template = TaskTemplate.objects.filter(pk=payload["template_id"]).prefetch_related("items").first()
    actor = User.objects.select_related("organization").filter(pk=payload["actor_id"]).first()
    if deal is None or template is None or actor is None or template.organization_id != deal.organization_id:
        return 0
    return len(template_apply_to(actor=actor, template=template, target=deal_target(deal)))
