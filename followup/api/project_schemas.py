"""What the project endpoints (``followup.api.projects``) take and answer (J1). Statuses come
from the model."""

import datetime as dt

from pydantic import Field

from followup.api import common as c
from followup.api.concurrency import Version
from followup.projects.models import Project, ProjectStatus
from followup.projects.services import DESCRIPTION_MAX, NAME_MAX

ProjectStatusName = c.names_of(ProjectStatus.values)
PEOPLE_MAX = 200


class ProjectIn(c.In):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    description: str = Field("", max_length=DESCRIPTION_MAX)
    member_ids: list[c.Id] = Field(default_factory=list, max_length=PEOPLE_MAX)
    subscriber_ids: list[c.Id] = Field(default_factory=list, max_length=PEOPLE_MAX)
    status: ProjectStatusName = "open"


class ProjectPatchIn(c.In):
    """Send only the fields to change (none of them may be null), and the version you read."""

    version: Version = None
    name: str = Field(None, min_length=1, max_length=NAME_MAX)
    description: str = Field(None, max_length=DESCRIPTION_MAX)
    member_ids: list[c.Id] = Field(None, max_length=PEOPLE_MAX)
    subscriber_ids: list[c.Id] = Field(None, max_length=PEOPLE_MAX)
    status: ProjectStatusName = None


class ProjectOut(c.Out):
    id: int
    name: str
    description: str
    status: ProjectStatusName
    owner: c.UserRef | None
    memo_id: int | None
    updated_at: dt.datetime
    version: int


class ProjectItemOut(ProjectOut):
    tasks_done: int
    tasks_total: int


class ProjectDetailOut(ProjectItemOut):
    members: list[c.UserRef]
    subscribers: list[c.UserRef]


ProjectPageOut = c.page_of(ProjectItemOut, "ProjectPageOut")


def project_out(p: Project, *, done: int, total: int) -> dict:
    return {"id": p.pk, "name": p.name, "description": p.description, "status": p.status,
            "owner": c.user_ref(p.owner), "memo_id": p.memo_id, "updated_at": c.utc(p.updated_at),
            "version": p.version, "tasks_done": done, "tasks_total": total}


def project_detail_out(p: Project, *, done: int, total: int) -> dict:
    return {**project_out(p, done=done, total=total), "members": [c.user_ref(u) for u in p.members.all()],
            "subscribers": [c.user_ref(u) for u in p.subscribers.all()]}
