"""A3: move a task's due date in one step from its page: "+1 day", "next week", or a date.

The steps count from today when the task is overdue, else from its due date, so "+1 day" on a
task overdue since Monday makes it due tomorrow, not still overdue. The move is an ordinary edit
(``task_update``): the version is checked and the history records the old and new date.
"""

import datetime as dt

from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.tasks.access import task_get
from followup.tasks.models import Task
from followup.tasks.selectors import today_for
from followup.tasks.services import task_update

STEPS = {"day": dt.timedelta(days=1), "week": dt.timedelta(weeks=1)}


def rescheduled_date(*, due: dt.date, today: dt.date, step: str) -> dt.date:
    return max(due, today) + STEPS[step]


def task_reschedule(*, actor: User, task_id: int, step: str | None = None, due_date: dt.date | None = None,
                    version: int | None = None) -> Task:
    """Move the due date by ``step`` ("day" or "week") or to ``due_date``."""
    if due_date is None:
        if step not in STEPS:
            raise FieldErrors.single("due_date", _("Choose a new due date."))
        task = task_get(actor=actor, task_id=task_id)
        due_date = rescheduled_date(due=task.due_date, today=today_for(actor), step=step)
    return task_update(actor=actor, task_id=task_id, version=version, due_date=due_date)
