"""B1: a person's tasks, and the busy time of those who share with them, as iCalendar feeds.

Calendar clients (Google Calendar, Outlook, Apple Calendar) subscribe to a secret URL and poll
it. Tasks go out as VEVENTs (Google ignores VTODO in subscriptions): the UID is the task's id
and the site's host, so it survives a regenerated URL; SEQUENCE is the task's edit counter
(``Task.version``, the one If-Match uses); a task without a time is an all-day event on its
date; timed ones carry the person's time zone (with its VTIMEZONE). Customer names and
descriptions go out only when the person chose so (``CalendarFeed.include_details``).

The ``icalendar`` library renders each event; rendering is slow (~0.7 ms an event), so every
event's bytes are kept under what it shows (``RENDERED``), and a feed is one query, a lookup
and a join. The same keys make the ETag: it changes exactly when the feed does.
"""

import datetime as dt
import functools
import hashlib
import threading
import zoneinfo
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from followup.accounts.models import User
from followup.sharing.models import CalendarFeed
from followup.sharing.selectors import Slot, busy_slots, shares_to_me
from followup.tasks.access import tasks_of_organization
from followup.tasks.models import StatusCategory, Task, TaskAssignment

#: Closed tasks older than this leave the feed; open ones stay whatever their date.
CLOSED_KEPT = dt.timedelta(days=90)
#: Busy time is published from a week ago to this far ahead.
BUSY_AHEAD = dt.timedelta(days=180)
FEED_MAX = 5000
DEFAULT_MINUTES = 30
#: Rendered events kept in memory (about 300 bytes each): every event of a few hundred feeds.
CACHED_EVENTS = 200_000
KEY_COLUMNS = ("pk", "version", "updated_at", "status__category", "customer__name")
COLUMNS = ("pk", "title", "description", "customer__name", "due_date", "due_at", "duration_minutes",
           "status__category", "version", "created_at", "updated_at")


@dataclass(frozen=True)
class Feed:
    """What HTTP caching needs of a feed, and how to render it (not needed for a 304)."""

    etag: str
    last_modified: dt.datetime | None
    render: Callable[[], bytes]


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


@functools.lru_cache(maxsize=256)
def _vtimezone(zone_name: str) -> bytes:
    """The VTIMEZONE of a zone, as icalendar writes it (slow to build: built once per zone)."""
    cal = Calendar()
    probe = Event()
    probe.add("dtstart", dt.datetime(2000, 1, 1, tzinfo=zoneinfo.ZoneInfo(zone_name)))
    cal.add_component(probe)
    cal.add_missing_timezones()
    return b"".join(tz.to_ical() for tz in cal.walk("VTIMEZONE"))


def _frame(user: User, name: str) -> tuple[bytes, bytes]:
    """The calendar's opening lines (with the VTIMEZONE of the person's zone) and its end."""
    text = _calendar(user, name).to_ical()
    end = b"END:VCALENDAR\r\n"
    return text[: -len(end)] + _vtimezone(user.time_zone), end


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


class _Rendered:
    """The rendered events, by what they show, least recently used dropped first. In the
    process's memory like Django's local-memory cache, but without its per-key validation and
    pickling, which cost more than the rest of a 2,000-event feed together."""

    def __init__(self, size: int):
        self.size = size
        self._events: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys) -> dict[tuple, bytes]:
        with self._lock:
            found = {key: self._events[key] for key in keys if key in self._events}
            for key in found:
                self._events.move_to_end(key)
        return found

    def set_many(self, events: dict[tuple, bytes]) -> None:
        with self._lock:
            self._events.update(events)
            while len(self._events) > self.size:
                self._events.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._events.clear()


RENDERED = _Rendered(CACHED_EVENTS)


def _cached_events(keyed: list[tuple[tuple, object]], render_many) -> list[bytes]:
    """The events' bytes in order; ``render_many`` renders those not rendered yet (``{key:
    item}`` to ``{key: bytes}``)."""
    found = RENDERED.get_many([key for key, _item in keyed])
    missing = render_many({key: item for key, item in keyed if key not in found})
    if missing:
        RENDERED.set_many(missing)
    return [found.get(key) or missing[key] for key, _item in keyed]


def _assemble(user: User, name: str, keyed: list[tuple[tuple, object]], render_many, stamps) -> Feed:
    def body() -> bytes:
        with translation.override(user.preferred_language):
            head, end = _frame(user, name)
            return head + b"".join(_cached_events(keyed, render_many)) + end

    etag = _digest(user.time_zone, name, *(key for key, _item in keyed))[:32]
    return Feed(etag=etag, last_modified=max(stamps, default=None), render=body)


def _my_tasks(user: User):
    """The person's own tasks: owned, co-owned or assigned; open ones and recently closed ones."""
    assigned = TaskAssignment.objects.filter(user_id=user.pk).values("task_id")
    recent = timezone.localdate() - CLOSED_KEPT
    return (tasks_of_organization(user)
            .filter(Q(owner_id=user.pk) | Q(co_owner_id=user.pk) | Q(pk__in=assigned))
            .filter(Q(is_pending=True) | Q(due_date__gte=recent))
            .order_by("-due_date", "-pk"))


def _task_renderer(zone: zoneinfo.ZoneInfo, details: bool):
    def render_many(missing: dict[tuple, int]) -> dict[tuple, bytes]:
        if not missing:
            return {}
        rows = {row["pk"]: row for row in Task.objects.filter(pk__in=list(missing.values())).values(*COLUMNS)}
        return {key: _task_event(rows[pk], zone, details) for key, pk in missing.items() if pk in rows}
    return render_many


def task_feed(feed: CalendarFeed) -> Feed:
    """B1: the person's tasks as VEVENTs. An event's cache key is made of what changes when it
    does: the task's edit counter and save time (every edit bumps both), its status category
    and its customer's name (a rename does not touch the task), and the feed's options.
    Queries: the tasks' keys; the rows of those not cached yet, when rendering."""
    user = feed.user
    options = ("task", user.time_zone, feed.include_details, user.preferred_language, settings.BASE_URL)
    rows = list(_my_tasks(user).values_list(*KEY_COLUMNS)[:FEED_MAX])
    keyed = [((options, row), row[0]) for row in rows]
    with translation.override(user.preferred_language):
        name = _("Followup tasks: %(name)s") % {"name": user.display_name}
    renderer = _task_renderer(zoneinfo.ZoneInfo(user.time_zone), feed.include_details)
    return _assemble(user, name, keyed, renderer, [row[2] for row in rows])


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
    language = user.preferred_language
    keyed = [(("busy", language, stamp, people[slot.person_id], slot), slot) for slot in slots]
    with translation.override(language):
        name = _("Followup: busy time shared with %(name)s") % {"name": user.display_name}

    def render_many(missing: dict[tuple, Slot]) -> dict[tuple, bytes]:
        return {key: _busy_event(slot, people, stamp) for key, slot in missing.items()}

    return _assemble(user, name, keyed, render_many, [stamp])
