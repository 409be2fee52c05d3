"""Time-based task work for the scheduler."""

from datetime import timedelta

from django.conf import settings

from followup.core.scheduler import periodic
from followup.tasks.due_soon import tasks_due_soon_notify


@periodic("tasks_due_soon", every=timedelta(minutes=1))
def tasks_due_soon() -> str:
    lead = timedelta(minutes=settings.DUE_SOON_MINUTES)
    return f"told people about {tasks_due_soon_notify(lead=lead)} tasks due soon"
