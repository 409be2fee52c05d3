"""API of logged calls and e-mails (A5): log how a call or e-mail about a task went, and
optionally complete the task in the same step. They show in ``customers/{id}/timeline``."""

import datetime as dt
from typing import Literal

from ninja import Field, Router, Status

from followup.api import common as c
from followup.api.auth import everyone
from followup.communications.models import Communication, Outcome
from followup.communications.services import communication_log

router = Router(auth=everyone(), tags=["communications"])


class CommunicationIn(c.In):
    outcome: Literal[tuple(Outcome.values)]
    note: str = Field("", max_length=10_000)
    complete: bool = Field(False, description="Complete the task too.")


class CommunicationOut(c.Out):
    id: int
    task_id: int
    customer_id: int
    outcome: str
    note: str
    author: c.UserRef | None
    created_at: dt.datetime


def communication_out(entry: Communication) -> dict:
    return {"id": entry.pk, "task_id": entry.task_id, "customer_id": entry.customer_id, "outcome": entry.outcome,
            "note": entry.note, "author": c.user_ref(entry.author), "created_at": c.utc(entry.created_at)}


@router.post("/tasks/{task_id}/communications", response={201: CommunicationOut, **c.BODY_ERRORS})
def communication_create(request, task_id: c.Id, payload: CommunicationIn):
    """A5: the outcome of a call or e-mail about a task I can see, on its customer's history."""
    entry = communication_log(actor=request.auth, task_id=task_id, **payload.model_dump())
    return Status(201, communication_out(entry))
