"""What the sync endpoint (``followup.api.sync``) takes and answers (A2). The objects are those
of ``followup.sync.payloads``: related objects by id, a task with its notes."""

import datetime as dt

from ninja import Schema
from pydantic import Field

from followup.api import common as c
from followup.api.task_schemas import PriorityName
from followup.customers.models import CustomerKind, Stage
from followup.sync.selectors import PAGE_MAX, PAGE_SIZE


class SyncQuery(Schema):
    cursor: str = Field("0", max_length=100, description="0 for a full copy, then the cursor of the last page.")
    size: int = Field(PAGE_SIZE, ge=1, le=PAGE_MAX, description="At most this many objects (or changes) a page.")


class SyncNoteOut(c.Out):
    id: int
    author_id: int | None
    body: str
    created_at: dt.datetime


class SyncTaskOut(c.Out):
    id: int
    title: str
    description: str
    customer_id: int | None
    owner_id: int | None
    co_owner_id: int | None
    assignee_ids: list[int]
    priority: PriorityName
    status_id: int
    is_pending: bool
    type_id: int | None
    due_date: dt.date
    due_at: dt.datetime | None
    duration_minutes: int | None
    parent_id: int | None
    completed_at: dt.datetime | None
    version: int
    updated_at: dt.datetime
    notes: list[SyncNoteOut]


class SyncCustomerOut(c.Out):
    id: int
    kind: c.names_of(CustomerKind.values)
    name: str
    email: str
    phone: str
    owner_id: int | None
    stage: c.names_of(Stage.values)
    company_id: int | None
    birthday: dt.date | None
    contract_end_date: dt.date | None
    notes: str
    updated_at: dt.datetime


class SyncReminderOut(c.Out):
    id: int
    target_type: str
    target_id: int
    target_label: str
    remind_at: dt.datetime
    note: str
    is_active: bool
    fired_at: dt.datetime | None


class SyncChangedOut(c.Out):
    customer: list[SyncCustomerOut]
    task: list[SyncTaskOut]
    reminder: list[SyncReminderOut]


class SyncDeletedOut(c.Out):
    customer: list[int]
    task: list[int]
    reminder: list[int]


class SyncPageOut(c.Out):
    cursor: str = Field(description="Send it back for the next page; keep it for the next sync.")
    has_more: bool = Field(description="Ask again at once with the new cursor; false: you are up to date.")
    reset: bool = Field(description="The first page of a full copy: drop your local copy before applying it.")
    changed: SyncChangedOut = Field(description="Objects to insert or replace in your copy, by kind.")
    deleted: SyncDeletedOut = Field(description="Ids to drop from your copy (deleted, or no longer yours to see).")


class ResyncOut(c.Out):
    detail: str
    cursor: str
