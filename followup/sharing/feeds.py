"""B1: a person's tasks, and the busy time of those who share with them, as iCalendar feeds.

Calendar clients (Google Calendar, Outlook, Apple Calendar) subscribe to a secret URL and poll
it. Tasks go out as VEVENTs (Google ignores VTODO in subscriptions): the UID is the task's id
and the site's host, so it survives a regenerated URL; SEQUENCE is the task's edit counter
(``Task.version``, the one If-Match uses); a task without a time is an all-day event on its
date; timed ones carry the person's time zone (with its VTIMEZONE). Customer names and
descriptions go out only when the person chose so (``CalendarFeed.include_details``).

The ``icalendar`` library renders each event; rendering is slow (~0.7 ms an event), so every
event's bytes are cached under a digest of everything it shows, and a feed is one query, a
cache lookup and a join. The same digests make the ETag: it changes exactly when the feed does.
"""

import datetime as dt
import hashlib
import zoneinfo
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from followup.accounts.models import User
from followup.sharing.models import CalendarFeed
from followup.sharing.selectors import Slot, busy_slots, shares_to_me
from followup.tasks.access import tasks_of_organization
from followup.tasks.models import StatusCategory, TaskAssignment

#: Closed tasks older than this leave the feed; open ones stay whatever their date.
CLOSED_KEPT = dt.timedelta(days=90)
#: Busy time is published from a week ago to this far ahead.
BUSY_AHEAD = dt.timedelta(days=180)
FEED_MAX = 5000
DEFAULT_MINUTES = 30
CACHE_SECONDS = 7 * 24 * 3600
COLUMNS = ("pk", "title", "description", "customer__name", "due_date", "due_at", "duration_minutes",
           "status__category", "version", "created_at", "updated_at")


@dataclass(frozen=True)
class Feed:
    """A rendered feed and what HTTP caching needs of it."""

    body: bytes
    etag: str
    last_modified: dt.datetime | None


def _host() -> str:
    return urlsplit(settings.BASE_URL).hostname or "followup"


def _calendar(user: User, name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Followup//Calendar feed//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", user.time_zone)
    return cal


def _frame(user: User, name: str) -> tuple[bytes, bytes]:
    """The calendar's opening lines (with the VTIMEZONE of the person's zone) and its end."""
    cal = _calendar(user, name)
    probe = Event()
    probe.add("dtstart", dt.datetime(2000, 1, 1, tzinfo=zoneinfo.ZoneInfo(user.time_zone)))
    cal.add_component(probe)
    cal.add_missing_timezones()
    cal.subcomponents.remove(probe)
    text = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    return text[: -len(end)], end


def _task_event(row: dict, zone: zoneinfo.ZoneInfo, details: bool) -> bytes:
    event = Event()
    event.add("uid", f"task-{row['pk']}@{_host()}")
    event.add("sequence", row["version"] - 1)
    event.add("dtstamp", row["updated_at"])
    event.add("created", row["created_at"])
    event.add("last-modified", row["updated_at"])
    event.add("summary", row["title"])
    if row["due_at"] is None:
        event.add("dtstart", row["due_date"])
        event.add("dtend", row["due_date"] + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    else:
        start = row["due_at"].astimezone(zone)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=row["duration_minutes"] or DEFAULT_MINUTES))
        event.add("transp", "OPAQUE")
    event.add("status", "CANCELLED" if row["status__category"] == StatusCategory.CANCELED else "CONFIRMED")
    event.add("url", settings.BASE_URL + reverse("tasks:detail", args=[row["pk"]]))
    if details:
        parts = [_("Customer: %(name)s") % {"name": row["customer__name"]}] if row["customer__name"] else []
        event.add("description", "\n\n".join(parts + ([row["description"]] if row["description"] else [])))
    return event.to_ical()


def _digest(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def _cached_events(keyed: list[tuple[str, object]], render) -> list[bytes]:
    """The events' bytes in order, rendering (and caching) only those not cached yet."""
    found = cache.get_many([key for key, _row in keyed])
    missing = {key: render(row) for key, row in keyed if key not in found}
    if missing:
        cache.set_many(missing, CACHE_SECONDS)
    return [found.get(key) or missing[key] for key, _row in keyed]


def _assemble(user: User, name: str, keyed: list[tuple[str, object]], render, stamps) -> Feed:
    frame_key = "feed-frame:" + _digest(user.time_zone, name)
    head, end = cache.get(frame_key) or _frame(user, name)
    cache.set(frame_key, (head, end), CACHE_SECONDS)
    body = head + b"".join(_cached_events(keyed, render)) + end
    etag = _digest(user.time_zone, name, *(key for key, _row in keyed))[:32]
    return Feed(body=body, etag=etag, last_modified=max(stamps, default=None))


def _my_tasks(user: User):
    """The person's own tasks: owned, co-owned or assigned; open ones and recently closed ones."""
    assigned = TaskAssignment.objects.filter(user_id=user.pk).values("task_id")
    recent = timezone.localdate() - CLOSED_KEPT
    return (tasks_of_organization(user)
            .filter(Q(owner_id=user.pk) | Q(co_owner_id=user.pk) | Q(pk__in=assigned))
            .filter(Q(is_pending=True) | Q(due_date__gte=recent))
            .order_by("-due_date", "-pk").values(*COLUMNS)[:FEED_MAX])


def task_feed(feed: CalendarFeed) -> Feed:
    """B1: the person's tasks as VEVENTs. Queries: the tasks (and the cache's, if any)."""
    user = feed.user
    zone = zoneinfo.ZoneInfo(user.time_zone)
    details = feed.include_details
    with translation.override(user.preferred_language):
        rows = list(_my_tasks(user))
        keyed = [(_digest("task", user.time_zone, details, translation.get_language(), settings.BASE_URL,
                          *(row[c] for c in COLUMNS)), row) for row in rows]
        name = _("Followup tasks: %(name)s") % {"name": user.display_name}
        return _assemble(user, name, keyed, lambda row: _task_event(row, zone, details),
                         [row["updated_at"] for row in rows])


def _busy_event(slot: Slot, names: dict[int, str], stamp: dt.datetime) -> bytes:
    event = Event()
    event.add("uid", f"busy-{_digest(slot.person_id, slot.start, slot.end)[:24]}@{_host()}")
    event.add("dtstamp", stamp)
    event.add("summary", _("Busy: %(name)s") % {"name": names[slot.person_id]})
    event.add("dtstart", slot.start)
    event.add("dtend", slot.end)
    event.add("transp", "OPAQUE")
    return event.to_ical()


def busy_feed(feed: CalendarFeed) -> Feed:
    """B1, L7: when the people who share with this person (at free/busy or more) are busy;
    each event says only who and when. Queries: the grants, the tasks, their assignees."""
    user = feed.user
    people = {share.person.pk: share.person.display_name for share in shares_to_me(user)}
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    slots = busy_slots(user, people, today - dt.timedelta(days=7), today + BUSY_AHEAD)
    stamp = feed.created_at
    with translation.override(user.preferred_language):
        keyed = [(_digest("busy", translation.get_language(), slot.person_id, people[slot.person_id],
                          slot.start, slot.end), slot) for slot in slots]
        name = _("Followup: busy time shared with %(name)s") % {"name": user.display_name}
        return _assemble(user, name, keyed, lambda slot: _busy_event(slot, people, stamp), [stamp])
