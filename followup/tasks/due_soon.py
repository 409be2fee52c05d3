"""J2 "due soon": the scheduler's job that tells people a task with a time is about to fall due."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from followup.tasks import events
from followup.tasks.models import DueSoonNotice, Task


def tasks_due_soon_notify(*, lead: dt.timedelta, batch: int = 500) -> int:
    """J2 "due soon": tell the people of every pending task with a time that falls due within
    ``lead`` (and has not passed), once per due time. Rows are claimed with SKIP LOCKED, so
    two schedulers never tell twice; a rescheduled task is told again about its new time."""
    now = timezone.now()
    told = 0
    while True:
        with transaction.atomic():
            due = list(
                Task.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(is_pending=True, due_at__gt=now, due_at__lte=now + lead)
                .exclude(due_soon_notice__due_at=F("due_at"))
                .order_by("due_at", "id")[:batch]
            )
            if not due:
                return told
            DueSoonNotice.objects.filter(task__in=due).delete()
            DueSoonNotice.objects.bulk_create([DueSoonNotice(task=t, due_at=t.due_at) for t in due])
            for task in due:
                minutes = max(1, round((task.due_at - now).total_seconds() / 60))
                events.task_due_soon(task, minutes)
            told += len(due)
