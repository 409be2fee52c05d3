"""Automation's periodic work for the scheduler: the safety net for events whose worker job was
never enqueued or died."""

from datetime import timedelta

from followup.automation.queue import events_process
from followup.core.scheduler import periodic


@periodic("automation_events", every=timedelta(seconds=30))
def automation_events() -> str:
    return f"acted on {events_process()} automation event(s)"
