"""Time-based task work for the scheduler."""

from datetime import timedelta

from django.conf import settings

from followup.core.scheduler import periodic
from followup.tasks.due_soon import tasks_due_soon_notify
from followup.tasks.status_moves import status_moves_run


@periodic("tasks_due_soon", every=timedelta(minutes=1))
def tasks_due_soon() -> str:
    lead = timedelta(minutes=settings.DUE_SOON_MINUTES)
    return f"told people about {tasks_due_soon_notify(lead=lead)} tasks due soon"


@periodic("task_status_moves", every=timedelta(minutes=1))
def task_status_moves() -> str:
    """L6: take up any move of tasks to another status that no worker finished (the safety net
    of ``status_moves``: a lost queue entry or a worker killed mid-way)."""
    return f"moved {status_moves_run()} tasks to their new status"
