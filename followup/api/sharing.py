"""Sharing endpoints (L7): with whom I share my tasks and calendar and how, who shares with me,
and the free/busy view of colleagues (the only place, with the calendar and the busy feed,
where a free/busy grant shows anything: who is busy and when, never which task)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from followup.api import common as c
from followup.api.auth import everyone
from followup.api.common import BODY_ERRORS, ERRORS, Id
from followup.core.exceptions import FieldErrors
from followup.sharing import selectors, services
from followup.sharing.models import Level

router = Router(auth=everyone(), tags=["Sharing"])

LEVEL_NAMES = {Level.NONE: "none", Level.BUSY: "free_busy", Level.READ: "read_only", Level.FULL: "full"}
LEVELS_BY_NAME = {name: level for level, name in LEVEL_NAMES.items()}
LevelName = c.names_of(LEVEL_NAMES.values())
MAX_WINDOW = dt.timedelta(days=92)


class ShareIn(c.In):
    level: LevelName = Field(description="For every task type: none, free_busy, read_only or full.")
    per_type: dict[str, LevelName] = Field(
        default_factory=dict, description='Exceptions by task type id, e.g. {"4": "full", "7": "read_only"}.')


class ShareOut(c.Out):
    user: c.UserRef
    level: LevelName
    per_type: dict[str, LevelName]


class SharingOut(c.Out):
    given: list[ShareOut] = Field(description="With whom I share, and how.")
    received: list[ShareOut] = Field(description="Who shares with me, and how.")


class SlotOut(c.Out):
    user_id: int
    start: dt.datetime
    end: dt.datetime


class FreeBusyOut(c.Out):
    slots: list[SlotOut]


class FreeBusyQuery(Schema):
    user_ids: str = Field(description="Comma-separated ids of colleagues, e.g. 12,15.")
    start: c.DateTime
    end: c.DateTime


def _share_out(share: selectors.Share) -> dict:
    return {"user": c.user_ref(share.person), "level": LEVEL_NAMES[share.level],
            "per_type": {str(t): LEVEL_NAMES[lv] for t, lv in sorted(share.per_type.items())}}


def _sharing_out(actor) -> dict:
    return {"given": [_share_out(s) for s in selectors.shares_given(actor)],
            "received": [_share_out(s) for s in selectors.shares_to_me(actor)]}


@router.get("/sharing", response={200: SharingOut, **ERRORS})
def sharing(request):
    """L7: with whom I share and how, and who shares with me. Queries: two."""
    return _sharing_out(request.auth)


def _ids(raw: str) -> list[int]:
    try:
        ids = [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise FieldErrors.single("user_ids", _("Give ids of colleagues, separated by commas.")) from None
    if not ids or len(ids) > 50:
        raise FieldErrors.single("user_ids", _("Give between 1 and 50 ids."))
    return ids


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value, timezone.get_current_timezone()) if timezone.is_naive(value) else value


@router.get("/sharing/freebusy", response={200: FreeBusyOut, **ERRORS})
def free_busy(request, query: Query[FreeBusyQuery]):
    """L7: when these colleagues are busy, as far as they share it with me (free/busy or more)
    or I see their tasks anyway; at most 92 days. Queries: the tasks, their assignees, my grants."""
    start, end = _aware(query.start), _aware(query.end)
    if not start < end <= start + MAX_WINDOW:
        raise FieldErrors.single("end", _("End after the start, at most 92 days later."))
    slots = selectors.busy_slots(request.auth, _ids(query.user_ids), start, end)
    return {"slots": [{"user_id": s.person_id, "start": c.utc(s.start), "end": c.utc(s.end)} for s in slots]}


@router.put("/sharing/{user_id}", response={200: ShareOut, **BODY_ERRORS})
def share_set(request, user_id: Id, payload: ShareIn):
    """L7: how I share my tasks and calendar with this colleague (replaces what was set, so a
    retry changes nothing). Level ``none`` everywhere stops sharing."""
    per_type = {key: LEVELS_BY_NAME[name] for key, name in (payload.per_type or {}).items()}
    level = LEVELS_BY_NAME.get(payload.level) if payload.level is not None else None
    return _share_out(services.share_set(actor=request.auth, grantee_id=user_id, level=level, per_type=per_type))


@router.delete("/sharing/{user_id}", response={204: None, **ERRORS})
def share_remove(request, user_id: Id):
    """L7: stop sharing anything with this colleague."""
    services.share_remove(actor=request.auth, grantee_id=user_id)
    return Status(204, None)
