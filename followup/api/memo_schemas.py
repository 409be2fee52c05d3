"""What the memo endpoints (``followup.api.memos``) take and answer (J14–J20). Statuses come
from the model."""

import datetime as dt

from pydantic import Field

from followup.api import common as c
from followup.api.concurrency import Version
from followup.api.task_schemas import StatusCategoryName
from followup.memos.models import Memo, MemoStatus
from followup.memos.services import BODY_MAX, TITLE_MAX
from followup.projects.services import DESCRIPTION_MAX as PROJECT_DESCRIPTION_MAX
from followup.projects.services import NAME_MAX
from followup.tasks.validation import DESCRIPTION_MAX
from followup.tasks.validation import TITLE_MAX as TASK_TITLE_MAX

MemoStatusName = c.names_of(MemoStatus.values)
PEOPLE_MAX = 200


class MemoListQuery(c.PageQuery):
    status: MemoStatusName | None = Field(None, description="Only memos in this status.")


class MemoIn(c.In):
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    body: str = Field("", max_length=BODY_MAX)
    recipient_id: c.Id
    subscriber_ids: list[c.Id] = Field(default_factory=list, max_length=PEOPLE_MAX)
    deal_id: c.Id | None = None
    send: bool = Field(False, description="Send at once instead of saving a draft (J15).")


class MemoPatchIn(c.In):
    """Send only the fields to change (none of them may be null), and the version you read."""

    version: Version = None
    title: str = Field(None, min_length=1, max_length=TITLE_MAX)
    body: str = Field(None, max_length=BODY_MAX)
    recipient_id: c.Id = None
    subscriber_ids: list[c.Id] = Field(None, max_length=PEOPLE_MAX)


class MemoTaskIn(c.In):
    title: str = Field(min_length=1, max_length=TASK_TITLE_MAX)
    description: str = Field("", max_length=DESCRIPTION_MAX)
    due_date: c.Date
    assignee_ids: list[c.Id] = Field(default_factory=list, max_length=PEOPLE_MAX)


class MemoProjectIn(c.In):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    description: str = Field("", max_length=PROJECT_DESCRIPTION_MAX)
    member_ids: list[c.Id] = Field(default_factory=list, max_length=PEOPLE_MAX)


class TaskLinkOut(c.Out):
    id: int
    title: str
    status: str
    status_category: StatusCategoryName


class MemoOut(c.Out):
    id: int
    title: str
    body: str
    status: MemoStatusName
    author: c.UserRef | None
    recipient: c.UserRef | None
    deal_id: int | None
    tasks: list[TaskLinkOut]
    sent_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    updated_at: dt.datetime
    version: int


class MemoDetailOut(MemoOut):
    subscribers: list[c.UserRef]


MemoPageOut = c.page_of(MemoOut, "MemoPageOut")


class ProjectRefOut(c.Out):
    id: int
    name: str


def task_link_out(task) -> dict:
    return {"id": task.pk, "title": task.title, "status": task.status.name, "status_category": task.status.category}


def memo_out(memo: Memo) -> dict:
    return {
        "id": memo.pk, "title": memo.title, "body": memo.body, "status": memo.status,
        "author": c.user_ref(memo.author), "recipient": c.user_ref(memo.recipient), "deal_id": memo.deal_id,
        "tasks": [task_link_out(t) for t in memo.visible_tasks],
        "sent_at": c.utc(memo.sent_at), "reviewed_at": c.utc(memo.reviewed_at), "updated_at": c.utc(memo.updated_at),
        "version": memo.version,
    }


def memo_detail_out(memo: Memo) -> dict:
    return {**memo_out(memo), "subscribers": [c.user_ref(u) for u in memo.subscribers.all()]}
