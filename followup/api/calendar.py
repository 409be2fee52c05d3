"""Calendar endpoints (L9): the events of a range of days, and moving a task by dragging it.
The calendar page's script uses them with the browser session; a phone app with a token."""

import json

from django.http import HttpResponse
from ninja import Query, Router

from followup.api import calendar_schemas as s
from followup.api.auth import task_module
from followup.api.common import EDIT_ERRORS, ERRORS, Id, utc
from followup.api.concurrency import required_version, set_etag
from followup.calendars import access, selectors, services

router = Router(auth=task_module(), tags=["calendar"])


@router.get("/calendar/events", response={200: s.EventsOut, **ERRORS})
def calendar_events(request, query: Query[s.EventsQuery]):
    """L9: the tasks of the people asked for (yourself by default) due in [start, end)."""
    people = access.people_to_show(request.auth, query.person)
    events = selectors.calendar_events(actor=request.auth, person_ids=people, start=query.start, end=query.end)
    # Written directly: validating 2,000 events against ``EventsOut`` (which documents them)
    # took longer than the query (L9's bar: a month of 2,000 tasks under 100 ms).
    body = {"time_zone": request.auth.time_zone or "UTC", "events": events,
            "truncated": len(events) >= selectors.MAX_EVENTS}
    return HttpResponse(json.dumps(body, ensure_ascii=False, separators=(",", ":")), content_type="application/json")


@router.post("/calendar/tasks/{task_id}/move", response={200: s.MovedOut, **EDIT_ERRORS})
def calendar_move(request, task_id: Id, payload: s.MoveIn, response: HttpResponse):
    """L9: drop the task on another day or slot, or resize it. Send the version you read (body
    ``version`` or ``If-Match``); if someone saved the task since, the answer is 409."""
    version = required_version(request, payload.version)
    task = services.calendar_move(
        actor=request.auth, task_id=task_id, version=version, start=payload.start, end=payload.end,
        all_day=payload.all_day,
    )
    set_etag(response, task.version)
    return {"task_id": task.pk, "version": task.version, "due_date": task.due_date, "due_at": utc(task.due_at),
            "duration_minutes": task.duration_minutes}
