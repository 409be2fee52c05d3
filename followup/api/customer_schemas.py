"""What the customer endpoints (``followup.api.customers``) take and answer: customers, and the
entries of a customer's history (C4). Kinds, stages and history kinds come from the models."""

import datetime as dt

from pydantic import Field

from followup.api import common as c
from followup.api.deal_schemas import DealActionName
from followup.communications.history import KIND as COMMUNICATION
from followup.core.limits import max_length
from followup.customers.models import Customer, CustomerKind, Stage
from followup.customers.timeline import (
    DEAL_CHANGE,
    KINDS,
    MESSAGE,
    NOTE,
    STAGE_CHANGE,
    Entry,
)
from followup.intake.receivers import SUBMISSION

CustomerKindName = c.names_of(CustomerKind.values)
StageName = c.names_of(Stage.values)
# The apps above customers add their kinds: communications (A5) and forms (D9).
TimelineKindName = c.names_of((*KINDS, COMMUNICATION, SUBMISSION))
NAME_MAX = max_length(Customer, "name")
EMAIL_MAX = max_length(Customer, "email")
PHONE_MAX = max_length(Customer, "phone")
NOTES_MAX = max_length(Customer, "notes")


class CustomerIn(c.In):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    kind: CustomerKindName = "person"
    email: str = Field("", max_length=EMAIL_MAX)
    phone: str = Field("", max_length=PHONE_MAX)
    owner_id: c.Id | None = Field(None, description="Leave out for you; null for nobody.")
    stage: StageName = "lead"
    company_id: c.Id | None = None
    birthday: c.Date | None = None
    contract_end_date: c.Date | None = None
    notes: str = Field("", max_length=NOTES_MAX)


class CustomerPatchIn(c.In):
    """Send only the fields to change; null empties an optional one (owner, company, dates)."""

    name: str = Field(None, min_length=1, max_length=NAME_MAX)
    kind: CustomerKindName = None
    email: str = Field(None, max_length=EMAIL_MAX)
    phone: str = Field(None, max_length=PHONE_MAX)
    owner_id: c.Id | None = None
    stage: StageName = None
    company_id: c.Id | None = None
    birthday: c.Date | None = None
    contract_end_date: c.Date | None = None
    notes: str = Field(None, max_length=NOTES_MAX)


class CustomerListQuery(c.PageQuery):
    q: str = Field("", max_length=200, description="Words in the name, e-mail or phone.")


class CustomerTasksQuery(c.PageQuery):
    all: bool = Field(True, description="Include completed and canceled tasks; false lists only pending ones.")


class CustomerOut(c.Out):
    id: int
    kind: CustomerKindName
    name: str
    email: str
    phone: str
    owner: c.UserRef | None
    stage: StageName
    company_id: int | None
    birthday: dt.date | None
    contract_end_date: dt.date | None
    notes: str
    created_at: dt.datetime
    updated_at: dt.datetime


CustomerPageOut = c.page_of(CustomerOut, "CustomerPageOut")


class SubjectRef(c.Out):
    type: c.names_of(("task", "deal"))
    id: int
    title: str


class FileRef(c.Out):
    id: int
    name: str
    size: int


class FormRef(c.Out):
    id: int
    name: str


class DealChangeRef(c.Out):
    action: DealActionName
    old: str
    new: str


class StageChangeRef(c.Out):
    """The customer's own lifecycle stage, from ``old`` to ``new``."""

    old: StageName
    new: StageName


class TimelineEntryOut(c.Out):
    kind: TimelineKindName
    at: dt.datetime
    actor: c.UserRef | None
    subject: SubjectRef | None = Field(description="The task or deal the entry is about.")
    text: str = Field(description="The note's, message's or logged call's text; empty for the other kinds.")
    outcome: str | None = Field(None, description="A logged call or e-mail (A5): reached, no_answer, "
                                                  "left_message or emailed.")
    files: list[FileRef] = Field(description="A message's attachments.")
    change: DealChangeRef | StageChangeRef | None = Field(
        description="For deal_change (the deal's stage or status) and stage_change (the customer's stage): "
                    "from what to what.")
    form: FormRef | None = Field(None, description="For form_submission (D9): the form that was sent.")
    values: dict[str, str] = Field(default_factory=dict,
                                   description="For form_submission: what was sent, by customer field.")


TimelinePageOut = c.page_of(TimelineEntryOut, "TimelinePageOut")


def customer_out(customer: Customer) -> dict:
    return {
        "id": customer.pk,
        "kind": customer.kind,
        "name": customer.name,
        "email": customer.email,
        "phone": customer.phone,
        "owner": c.user_ref(customer.owner) if customer.owner_id else None,
        "stage": customer.stage,
        "company_id": customer.company_id,
        "birthday": customer.birthday,
        "contract_end_date": customer.contract_end_date,
        "notes": customer.notes,
        "created_at": c.utc(customer.created_at),
        "updated_at": c.utc(customer.updated_at),
    }


def _change_out(e: Entry) -> dict | None:
    """From what to what, for a deal's change or the customer's stage change."""
    if e.kind == DEAL_CHANGE:
        return {"action": e.item.action, "old": e.item.old, "new": e.item.new}
    if e.kind == STAGE_CHANGE:
        return {"old": e.item.old, "new": e.item.new}
    return None


def timeline_entry_out(e: Entry) -> dict:
    subject = None
    if e.subject is not None:
        subject = {"type": "deal" if e.subject_is_deal else "task", "id": e.subject.pk, "title": e.subject.title}
    return {
        "kind": e.kind, "at": c.utc(e.at), "actor": c.user_ref(e.actor), "subject": subject,
        "text": e.item.body if e.kind in (NOTE, MESSAGE) else e.item.note if e.kind == COMMUNICATION else "",
        "outcome": e.item.outcome if e.kind == COMMUNICATION else None,
        "files": [{"id": a.pk, "name": a.name, "size": a.size} for a in e.item.attachments.all()]
        if e.kind == MESSAGE else [],
        "change": _change_out(e),
        **_submission_out(e),
    }


def _submission_out(e: Entry) -> dict:
    if e.kind != SUBMISSION:
        return {}
    return {"form": {"id": e.item.form.pk, "name": e.item.form.name},
            "values": {field: str(value) for field, value in e.item.data.items()}}
