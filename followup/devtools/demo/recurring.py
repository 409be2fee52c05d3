"""B3 in the demo: Tomasz's weekly pipeline review, every Monday at 9:00 his time (Warsaw). Last
Monday's was completed, which made the one of the coming Monday (its page says "Repeats: Every
week on Monday")."""

import datetime as dt

from followup.accounts.models import User
from followup.customers.models import Customer
from followup.recurrence.services import task_create_repeating
from followup.tasks.models import Priority
from followup.tasks.services import task_complete

TITLE = "Weekly pipeline review"
RRULE = "FREQ=WEEKLY;BYDAY=MO"


def recurring(today: dt.date, users: list[User], customers: list[Customer]) -> None:
    tomasz = next(u for u in users if u.username == "tomasz")
    customer = next((c for c in customers if c.owner_id == tomasz.pk), customers[0])
    last_monday = today - dt.timedelta(days=today.weekday() or 7)
    task = task_create_repeating(
        actor=tomasz, rrule=RRULE, title=TITLE, customer_id=customer.pk, assignee_ids=[tomasz.pk],
        due_date=last_monday, due_time=dt.time(9, 0), duration_minutes=30, priority=Priority.HIGH,
        description="Go through the open deals with the team: what moved, what is stuck, who calls whom.",
    )
    task_complete(actor=tomasz, task_id=task.pk)
