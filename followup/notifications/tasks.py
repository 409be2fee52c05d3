"""Background work of notifications, run by ``followup worker``."""

import logging

from django.db import transaction
from django_tasks import task

from followup.notifications.delivery import deliver_outbox

logger = logging.getLogger("followup.outbox")


@task()
def deliver_outbox_task() -> int:
    return deliver_outbox()


def deliver_outbox_after_commit() -> None:
    """Enqueue :func:`deliver_outbox_task` once the caller's transaction has committed.

    By then the change and its outbox e-mails are committed, so a failure to enqueue (the task
    table or the database unavailable for a moment) must not turn the request that made them
    into an error (issue 13 §3.3): the client would retry a write that succeeded. It is logged,
    and the scheduler's outbox sweep (``jobs.py``) sends the e-mails within seconds anyway."""
    transaction.on_commit(_enqueue_delivery)


def _enqueue_delivery() -> None:
    try:
        deliver_outbox_task.enqueue()
    except Exception as exc:  # noqa: BLE001 - whatever the queue's failure, the commit stands
        logger.warning("could not enqueue the outbox delivery; the outbox sweep will send it (%s: %s)",
                       type(exc).__name__, exc)
