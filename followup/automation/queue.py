"""Announcements waiting for a worker (``PendingEvent``), written in the transaction that made
them and acted on exactly once: an event is claimed with SKIP LOCKED and marked done in the
same transaction as the tasks it makes, so a worker killed mid-way leaves it (and nothing else)
to the next one. An event whose handling fails is retried with back-off, five times at most;
its error stays on the row (and in the rule's run log) for administrators."""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from followup.automation.models import PendingEvent

logger = logging.getLogger("followup.automation")
MAX_ATTEMPTS = 5
HANDLERS: dict[str, Callable[..., int]] = {}


def handles(kind: str):
    def register(handler):
        HANDLERS[kind] = handler
        return handler
    return register


def event_record(*, kind: str, organization_id: int, payload: dict) -> PendingEvent:
    """Record an announcement in the caller's transaction and ask a worker to act on it after
    commit (the scheduler's sweep acts on whatever a failed enqueue left)."""
    now = timezone.now()
    event = PendingEvent.objects.create(kind=kind, organization_id=organization_id, payload=payload,
                                        created_at=now, not_before=now)
    transaction.on_commit(_enqueue, robust=True)
    return event


def _enqueue() -> None:
    process_events_task.enqueue()


def events_process(*, limit: int = 100) -> int:
    """Act on up to ``limit`` waiting events, oldest first; returns how many were handled."""
    handled = 0
    while handled < limit:
        with transaction.atomic():
            event = (PendingEvent.objects.select_for_update(skip_locked=True)
                     .filter(processed_at__isnull=True, not_before__lte=timezone.now(), attempts__lt=MAX_ATTEMPTS)
                     .order_by("not_before", "id").first())
            if event is None:
                return handled
            _handle(event)
        handled += 1
    return handled


def _handle(event: PendingEvent) -> None:
    try:
        with transaction.atomic():
            made = HANDLERS[event.kind](event.payload, announced_at=event.created_at)
    except Exception as exc:  # noqa: BLE001 - any failure is recorded on the event and retried later
        event.attempts += 1
        event.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        event.not_before = timezone.now() + timedelta(seconds=30 * 2 ** event.attempts)
        logger.exception("automation event %s (%s) failed, attempt %s", event.pk, event.kind, event.attempts)
    else:
        event.processed_at = timezone.now()
        logger.info("automation event %s (%s): %s task(s)", event.pk, event.kind, made)
    event.save(update_fields=["attempts", "last_error", "not_before", "processed_at"])


@task()
def process_events_task() -> int:
    """The worker's job: act on what is waiting."""
    return events_process()
