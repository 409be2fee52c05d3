"""What the deal endpoints (``followup.api.deals``) take and answer (J18). Statuses and the
actions of a deal's recorded changes come from the models."""

import datetime as dt
from decimal import Decimal

from pydantic import Field

from followup.api.common import (
    Amount,
    CustomerRef,
    Id,
    In,
    Out,
    PageQuery,
    UserRef,
    customer_ref,
    names_of,
    page_of,
    user_ref,
    utc,
)
from followup.deals.models import STAGE_MAX, Deal, DealAction, DealChange, DealStatus
from followup.deals.services import TITLE_MAX

DealStatusName = names_of(DealStatus.values)
DealActionName = names_of(DealAction.values)


class DealIn(In):
    customer_id: Id
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    amount: Amount = Decimal(0)
    process_id: Id | None = Field(None, description="Leave out for the organization's first sales process.")
    stage: str = Field("", max_length=STAGE_MAX, description="A stage of the process; leave out for its first.")
    owner_id: Id | None = Field(None, description="Leave out for you; null for nobody.")


class DealPatchIn(In):
    """Send only the fields to change. A new ``process_id`` without ``stage`` starts at its first stage."""

    title: str = Field(None, min_length=1, max_length=TITLE_MAX)
    amount: Amount = None
    process_id: Id | None = None
    stage: str = Field(None, max_length=STAGE_MAX)
    owner_id: Id | None = None


class StageIn(In):
    stage: str = Field(min_length=1, max_length=STAGE_MAX)


class DealListQuery(PageQuery):
    status: DealStatusName | None = None
    customer: Id | None = Field(None, description="Customer id.")


class ProcessRef(Out):
    id: int
    name: str
    stages: list[str]


class DealOut(Out):
    id: int
    title: str
    customer: CustomerRef
    amount: Decimal
    process: ProcessRef | None
    stage: str
    status: DealStatusName
    owner: UserRef | None
    created_at: dt.datetime
    updated_at: dt.datetime


DealPageOut = page_of(DealOut, "DealPageOut")


class DealChangeOut(Out):
    id: int
    action: DealActionName
    action_label: str
    actor: UserRef | None
    old: str = Field(description="The stage before (stage), or the status before (won, lost, reopened).")
    new: str
    created_at: dt.datetime


def deal_out(d: Deal) -> dict:
    p = d.process if d.process_id else None
    return {
        "id": d.pk, "title": d.title, "amount": d.amount, "stage": d.stage, "status": d.status,
        "customer": customer_ref(d.customer),
        "process": {"id": p.pk, "name": p.name, "stages": list(p.stages)} if p else None,
        "owner": user_ref(d.owner) if d.owner_id else None,
        "created_at": utc(d.created_at), "updated_at": utc(d.updated_at),
    }


def change_out(c: DealChange) -> dict:
    return {"id": c.pk, "action": c.action, "action_label": str(c.get_action_display()), "actor": user_ref(c.actor),
            "old": c.old, "new": c.new, "created_at": utc(c.created_at)}
