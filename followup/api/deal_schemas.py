"""What the deal endpoints (``followup.api.deals``) take and answer (J18). Statuses and the
actions of a deal's recorded changes come from the models."""

import datetime as dt
from decimal import Decimal

from pydantic import Field

from followup.api import common as c
from followup.deals.models import Deal, DealAction, DealChange, DealStatus
from followup.deals.services import TITLE_MAX

DealStatusName = c.names_of(DealStatus.values)
DealActionName = c.names_of(DealAction.values)


class DealIn(c.In):
    customer_id: c.Id
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    amount: c.Amount = Decimal(0)
    process_id: c.Id | None = Field(None, description="Leave out for the organization's first sales process.")
    stage_id: c.Id | None = Field(None, description="A stage of the process (its id); leave out for its first.")
    owner_id: c.Id | None = Field(None, description="Leave out for you; null for nobody.")


class DealPatchIn(c.In):
    """Send only the fields to change. A new ``process_id`` without ``stage_id`` starts at its first stage."""

    title: str = Field(None, min_length=1, max_length=TITLE_MAX)
    amount: c.Amount = None
    process_id: c.Id | None = None
    stage_id: c.Id = None
    owner_id: c.Id | None = None


class StageIn(c.In):
    stage_id: c.Id = Field(description="A stage of the deal's process (``process.stages``).")


class DealListQuery(c.PageQuery):
    status: DealStatusName | None = None
    customer: c.Id | None = Field(None, description="Customer id.")


class StageRef(c.Out):
    """A stage is named by its id, which stays when the stage is renamed or moved (D8)."""

    id: int
    name: str


class ProcessRef(c.Out):
    id: int
    name: str
    stages: list[StageRef] = Field(description="In pipeline order.")


class DealOut(c.Out):
    id: int
    title: str
    customer: c.CustomerRef
    amount: Decimal
    process: ProcessRef | None
    stage: StageRef | None
    status: DealStatusName
    owner: c.UserRef | None
    created_at: dt.datetime
    updated_at: dt.datetime


DealPageOut = c.page_of(DealOut, "DealPageOut")


class DealChangeOut(c.Out):
    id: int
    action: DealActionName
    action_label: str
    actor: c.UserRef | None
    old: str = Field(description="The stage before (stage), or the status before (won, lost, reopened).")
    new: str
    created_at: dt.datetime


def deal_out(d: Deal) -> dict:
    p = d.process if d.process_id else None
    return {
        "id": d.pk, "title": d.title, "amount": d.amount, "status": d.status,
        "stage": {"id": d.stage.pk, "name": d.stage.name} if d.stage_id else None,
        "customer": c.customer_ref(d.customer),
        "process": {"id": p.pk, "name": p.name, "stages": [{"id": st.pk, "name": st.name} for st in p.stages.all()]}
        if p else None,
        "owner": c.user_ref(d.owner) if d.owner_id else None,
        "created_at": c.utc(d.created_at), "updated_at": c.utc(d.updated_at),
    }


def change_out(change: DealChange) -> dict:
    return {"id": change.pk, "action": change.action, "action_label": str(change.get_action_display()),
            "actor": c.user_ref(change.actor), "old": change.old, "new": change.new,
            "created_at": c.utc(change.created_at)}
