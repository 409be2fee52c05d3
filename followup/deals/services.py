"""Writes of deals: create, edit, move to a stage, win, lose, reopen (J18, L4's ground).

Every field rule lives in ``_clean``, used by the pages and the API alike; errors are keyed by
the API's field names (``customer_id``, ``process_id``, ``owner_id``, ``stage``, ...). Each stage
or status change writes a ``DealChange`` row in the same transaction, which the customer's
history shows (C4).
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts.models import Organization, User
from followup.core.exceptions import FieldErrors, NotFound
from followup.core.limits import max_length, too_long
from followup.customers.access import customer_get
from followup.deals import events
from followup.deals.access import deal_get, deals_visible_to
from followup.deals.models import CURRENCIES, Deal, DealAction, DealChange, DealStatus, SalesProcess, SalesStage
from followup.deals.selectors import currency_default, sales_process_for_form

AMOUNT_MAX = Decimal("999999999999.99")
TITLE_MAX = max_length(Deal, "title")
EDITABLE_FIELDS = ("title", "amount", "currency", "process_id", "stage_id", "owner_id")
UNSET = object()


def default_stages() -> list[str]:
    return [_("Qualification"), _("Needs analysis"), _("Proposal"), _("Negotiation")]


def sales_process_create_default(*, organization: Organization) -> SalesProcess:
    """L1: a new organization gets one pipeline, so deals have stages from the first day."""
    process = SalesProcess.objects.create(organization=organization, name=_("Sales"))
    SalesStage.objects.bulk_create([SalesStage(process=process, name=name, position=i)
                                    for i, name in enumerate(default_stages())])
    return process


def sales_process_first(organization_id: int) -> SalesProcess | None:
    """The process a new deal starts in when none is chosen: the organization's first."""
    return SalesProcess.objects.filter(organization_id=organization_id).order_by("id").first()


def _title(raw, errors: dict) -> str:
    title = (raw or "").strip()
    if not title:
        errors["title"] = [_("Give the deal a title.")]
    elif long := too_long(title, TITLE_MAX):
        errors["title"] = long
    return title


def _amount(raw, errors: dict) -> Decimal:
    try:
        value = Decimal(str(raw if raw not in (None, "") else 0)).quantize(Decimal("0.01"))
        if not value.is_finite() or value < 0 or value > AMOUNT_MAX:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["amount"] = [_("Enter an amount of 0 or more, like 1500.00.")]
        return Decimal(0)
    return value


def _currency(raw, errors: dict) -> str:
    code = str(raw or "").strip().upper()
    if code not in CURRENCIES:
        errors["currency"] = [_("Choose a currency, like %(examples)s.") % {"examples": ", ".join(CURRENCIES[:3])}]
    return code


def _process(actor: User, raw, errors: dict) -> SalesProcess | None:
    if raw in (None, ""):
        return None
    process = sales_process_for_form(actor, raw)
    if process is None:
        errors["process_id"] = [_("Choose a sales process of your organization.")]
    return process


def _stage(process: SalesProcess | None, raw, errors: dict) -> SalesStage | None:
    """A stage of the deal's process, by id (D8: names change, ids stay); none chosen is the
    process's first stage."""
    if process is None:
        if raw not in (None, ""):
            errors["stage_id"] = [_("Choose a sales process before a stage.")]
        return None
    stages = list(process.stages.all())
    if raw in (None, ""):
        return stages[0] if stages else None
    stage = next((s for s in stages if str(s.pk) == str(raw).strip()), None)
    if stage is None:
        errors["stage_id"] = [_("Choose one of the stages of “%(process)s”: %(stages)s.") % {
            "process": process.name, "stages": ", ".join(s.name for s in stages)}]
    return stage


def _owner(actor: User, raw, errors: dict) -> User | None:
    if raw in (None, ""):
        return None
    try:
        return User.objects.get(pk=int(raw), organization_id=actor.organization_id, is_active=True)
    except (User.DoesNotExist, TypeError, ValueError, OverflowError):
        errors["owner_id"] = [_("Choose a person of your organization.")]
        return None


def _record(deal: Deal, actor: User | None, action: str, old: str = "", new: str = "") -> None:
    """``old`` and ``new`` are what the stages were called then, as the history reads them."""
    DealChange.objects.create(deal=deal, actor=actor, action=action, old=old, new=new)


def deal_create(*, actor: User, customer_id: int | None, title: str | None, amount=0, currency: str | None = None,
                process_id: int | None | object = UNSET, stage_id: int | None = None,
                owner_id: int | None | object = UNSET
                ) -> Deal:
    """A deal of a customer of the actor's organization. Without a process it starts in the
    organization's first process, at its first stage; without an owner the actor owns it;
    without a currency it takes the organization's usual one (``currency_default``)."""
    errors: dict[str, list[str]] = {}
    title = _title(title, errors)
    customer = None
    if customer_id in (None, ""):
        errors["customer_id"] = [_("Choose a customer.")]
    else:
        try:
            customer = customer_get(actor=actor, customer_id=customer_id)
        except NotFound:
            errors["customer_id"] = [_("Choose a customer of your organization.")]
    value = _amount(amount, errors)
    currency = currency_default(actor.organization_id) if currency in (None, "") else _currency(currency, errors)
    if process_id is UNSET:
        process = sales_process_first(actor.organization_id)
    else:
        process = _process(actor, process_id, errors)
    stage = _stage(process, stage_id, errors) if "process_id" not in errors else None
    owner = actor if owner_id is UNSET else _owner(actor, owner_id, errors)
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        deal = Deal.objects.create(organization_id=actor.organization_id, customer=customer, title=title,
                                   amount=value, currency=currency, process=process, stage=stage, owner=owner)
        _record(deal, actor, DealAction.CREATED, new=stage.name if stage else "")
        if stage is not None:
            _announce_stage(deal, actor)
    return deal


def _locked(actor: User, deal_id: int) -> Deal:
    return deal_get(actor=actor, deal_id=deal_id,
                    queryset=deals_visible_to(actor).select_for_update(of=("self",)).select_related("process", "stage"))


def deal_update(*, actor: User, deal_id: int, **fields) -> Deal:
    """Edit any of ``EDITABLE_FIELDS``; fields not passed stay. A new process needs a stage of
    it (a blank stage means its first); a stage change is recorded like ``deal_set_stage``'s."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise FieldErrors({f: [_("Unknown field.")] for f in sorted(unknown)})
    with transaction.atomic():
        deal = _locked(actor, deal_id)
        errors: dict[str, list[str]] = {}
        if "title" in fields:
            deal.title = _title(fields["title"], errors)
        if "amount" in fields:
            deal.amount = _amount(fields["amount"], errors)
        if fields.get("currency") not in (None, ""):  # blank: the currency stays
            deal.currency = _currency(fields["currency"], errors)
        if "owner_id" in fields:
            deal.owner = _owner(actor, fields["owner_id"], errors)
        process = _process(actor, fields["process_id"], errors) if "process_id" in fields else deal.process
        new_stage = deal.stage
        if "process_id" in fields or "stage_id" in fields:
            kept = deal.stage_id if process == deal.process else None
            new_stage = _stage(process, fields.get("stage_id", kept), errors)
        if errors:
            raise FieldErrors(errors)
        if new_stage != deal.stage:
            _ensure_open(deal, "stage_id")
        deal.process = process
        _move(deal, actor, new_stage)
        deal.save()
    return deal


def _closed_message(deal: Deal) -> str:
    """Why a won or lost deal cannot change: whole sentences, so that every language can word them."""
    if deal.status == DealStatus.WON:
        return _("The deal was won: reopen it first.")
    return _("The deal was lost: reopen it first.")


def _ensure_open(deal: Deal, field: str) -> None:
    if deal.status != DealStatus.OPEN:
        raise FieldErrors.single(field, _closed_message(deal))


def _announce_stage(deal: Deal, actor: User | None) -> None:
    """D8: the deal entered its stage (the rules for it act in the background)."""
    events.deal_stage_entered.announce(organization_id=deal.organization_id, stage_id=deal.stage_id,
                                       deal_ids=[deal.pk], actor_id=actor.pk if actor else None)


def _move(deal: Deal, actor: User, stage: SalesStage | None) -> None:
    if stage != deal.stage:
        _record(deal, actor, DealAction.STAGE, old=deal.stage_name, new=stage.name if stage else "")
        deal.stage = stage
        if stage is not None:
            _announce_stage(deal, actor)


def deal_set_stage(*, actor: User, deal_id: int, stage_id: int | None) -> Deal:
    """Move an open deal to another stage of its own process."""
    with transaction.atomic():
        deal = _locked(actor, deal_id)
        errors: dict[str, list[str]] = {}
        if stage_id in (None, ""):
            raise FieldErrors.single("stage_id", _("Choose a stage."))
        stage = _stage(deal.process, stage_id, errors)
        if errors:
            raise FieldErrors(errors)
        _ensure_open(deal, "stage_id")
        _move(deal, actor, stage)
        deal.save()
    return deal


TRANSITIONS = {
    # action: (the statuses it starts from, the status it ends in)
    DealAction.WON: ((DealStatus.OPEN,), DealStatus.WON),
    DealAction.LOST: ((DealStatus.OPEN,), DealStatus.LOST),
    DealAction.REOPENED: ((DealStatus.WON, DealStatus.LOST), DealStatus.OPEN),
}


def _transition(actor: User, deal_id: int, action: str) -> Deal:
    starts, end = TRANSITIONS[action]
    with transaction.atomic():
        deal = _locked(actor, deal_id)
        if deal.status not in starts:
            message = _("The deal is already open.") if action == DealAction.REOPENED else _closed_message(deal)
            raise FieldErrors.single("status", message)
        _record(deal, actor, action, old=deal.status, new=end)
        deal.status = end
        deal.save()
        if end != DealStatus.OPEN:
            events.deal_closed.announce(deal=deal, actor=actor, outcome=end)
    return deal


def deal_mark_won(*, actor: User, deal_id: int) -> Deal:
    """An open deal is won (L4: post-sale tasks hang on this)."""
    return _transition(actor, deal_id, DealAction.WON)


def deal_mark_lost(*, actor: User, deal_id: int) -> Deal:
    return _transition(actor, deal_id, DealAction.LOST)


def deal_reopen(*, actor: User, deal_id: int) -> Deal:
    """A won or lost deal is open again, at the stage it had."""
    return _transition(actor, deal_id, DealAction.REOPENED)
