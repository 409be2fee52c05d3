"""Background work of reminders, run by ``followup db_worker``."""

from django_tasks import task

from followup.reminders.services import reminders_fire_due


@task()
def fire_reminders_task() -> int:
    return reminders_fire_due()
