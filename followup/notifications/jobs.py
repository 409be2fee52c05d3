"""Periodic safety net: e-mails whose delivery job was lost or never enqueued, those a dead sender
left (taken over once its lease and heartbeat ran out), and those that wait for a retry."""

from datetime import timedelta

from followup.core.scheduler import periodic
from followup.notifications.delivery import deliver_outbox


@periodic("outbox_sweep", every=timedelta(seconds=15))
def outbox_sweep() -> str:
    return f"sent {deliver_outbox()} e-mails"
