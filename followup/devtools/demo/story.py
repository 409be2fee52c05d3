"""The demo's past (issue 13 §1.16): every write happens at the moment it happens in the story.

The services stamp what they write with the present (``created_at``, ``completed_at``, the
history entries, notifications and their e-mails, deal and stage changes, ``sent_at``...).
A demo that looks like a team's last quarter needs those stamps in the past, and agreeing
with each other: a note after its task was created, a completion after the note, the e-mail
at the notification's time. Rewriting a dozen tables afterwards would miss some, so the demo
plans its events first (``Story.at``) and then runs them in the order they happened, each
with Django's clock (``django.utils.timezone.now``, which the services, ``auto_now`` fields
and ``localdate`` all read) set to its moment. Only the demo does this, in one process,
before any other thread runs (``followup demo``, or ``followup run`` before its children).
"""

import datetime as dt
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from django.utils import timezone

WORK_STARTS = dt.time(8, 30)
WORK_MINUTES = 9 * 60  # a moment at work is between 8:30 and 17:30, the person's own time


@contextmanager
def clock_at(moment: dt.datetime) -> Iterator[None]:
    """Within the block, ``timezone.now()`` is ``moment``."""
    real = timezone.now
    timezone.now = lambda: moment
    try:
        yield
    finally:
        timezone.now = real


class Story:
    """The demo's events, each a function and the moment it happens; ``run`` replays them in order."""

    def __init__(self, *, now: dt.datetime, rng: random.Random):
        self.now, self.rng = now, rng
        self.events: list[tuple[dt.datetime, int, Callable[[], object]]] = []

    def at(self, moment: dt.datetime, event: Callable[[], object]) -> dt.datetime:
        self.events.append((moment, len(self.events), event))
        return moment

    def run(self) -> None:
        for moment, _seq, event in sorted(self.events, key=lambda e: e[:2]):
            with clock_at(moment):
                event()

    def at_work(self, day: dt.date, zone: str) -> dt.datetime:
        """A moment of a working day in the time zone ``zone``: ``day``, or the working day before it
        when it falls on a weekend or has not come yet."""
        tz = ZoneInfo(zone)
        while True:
            while day.weekday() >= 5:
                day -= dt.timedelta(days=1)
            start = dt.datetime.combine(day, WORK_STARTS, tzinfo=tz)
            moment = start + dt.timedelta(seconds=self.rng.randint(0, WORK_MINUTES * 60))
            if moment < self.now:
                return moment
            if start < self.now:  # today, and the day has begun: some time this morning
                return start + (self.now - start) * self.rng.random()
            day -= dt.timedelta(days=1)

    def days_ago(self, days: int, zone: str) -> dt.datetime:
        return self.at_work(self.now.astimezone(ZoneInfo(zone)).date() - dt.timedelta(days=days), zone)

    def after(self, since: dt.datetime, zone: str, days: tuple[int, int] = (0, 7)) -> dt.datetime:
        """A moment at work some ``days`` after ``since`` (never before it, never in the future)."""
        day = since.astimezone(ZoneInfo(zone)).date() + dt.timedelta(days=self.rng.randint(*days))
        moment = self.at_work(day, zone)
        if moment <= since:
            moment = since + dt.timedelta(minutes=self.rng.randint(5, 120))
        if moment >= self.now:
            moment = self.at_work(self.now.date(), zone)
            if moment <= since:  # both in the last hours: somewhere between
                moment = since + (self.now - since) * self.rng.uniform(0.3, 0.9)
        return moment

    def between(self, start: dt.datetime, end: dt.datetime, zone: str) -> dt.datetime:
        """A moment at work after ``start`` and before ``end`` (somewhere between, if no working hours fit)."""
        span = max(0, (end.astimezone(ZoneInfo(zone)).date() - start.astimezone(ZoneInfo(zone)).date()).days)
        moment = self.after(start, zone, days=(0, span))
        if not start < moment < end:
            moment = start + (end - start) * self.rng.uniform(0.2, 0.8)
        return moment
