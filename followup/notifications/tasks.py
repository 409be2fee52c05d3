"""Background work of notifications, run by ``followup db_worker``."""

from django_tasks import task

from followup.notifications.delivery import deliver_outbox


@task()
def deliver_outbox_task() -> int:
    return deliver_outbox()
