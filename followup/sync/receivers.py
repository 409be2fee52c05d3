"""A2: the domain services' announcements, turned into change-log rows in their transaction.

The cascades the database performs are spelled out here, where the log is: a task that goes
takes its subtasks and the reminders about them with it; a customer takes its tasks (and theirs),
its reminders, and leaves its company's people without a company.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from followup.accounts import events as account_events
from followup.customers import events as customer_events
from followup.customers.models import Customer
from followup.reminders import hooks as reminder_hooks
from followup.reminders.models import Reminder
from followup.sync.models import Kind
from followup.sync.services import changes_record, resync_require
from followup.tasks import hooks as task_hooks
from followup.tasks.models import Task


def tasks_changed(*, organization_id: int, task_ids) -> None:
    changes_record(organization_id=organization_id, kind=Kind.TASK, ids=task_ids)


def _with_subtasks(task_ids: list[int]) -> list[int]:
    """The tasks and, level by level, their subtasks (``parent`` cascades)."""
    found, level = list(task_ids), list(task_ids)
    while level:
        level = list(Task.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        found += level
    return found


def _reminders_about(model, ids) -> Q:
    return Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)


def tasks_deleting(*, organization_id: int, task_ids) -> None:
    ids = _with_subtasks(list(task_ids))
    changes_record(organization_id=organization_id, kind=Kind.TASK, ids=ids)
    changes_record(organization_id=organization_id, kind=Kind.REMINDER,
                   ids=Reminder.objects.filter(_reminders_about(Task, ids)))


def customers_changed(*, organization_id: int, customer_ids) -> None:
    changes_record(organization_id=organization_id, kind=Kind.CUSTOMER, ids=customer_ids)


def customers_deleting(*, organization_id: int, customer_ids) -> None:
    customer_ids = list(customer_ids)
    tasks_deleting(organization_id=organization_id,
                   task_ids=Task.objects.filter(customer_id__in=customer_ids).values_list("pk", flat=True))
    changes_record(organization_id=organization_id, kind=Kind.REMINDER,
                   ids=Reminder.objects.filter(_reminders_about(Customer, customer_ids)))
    people = Customer.objects.filter(company_id__in=customer_ids).exclude(pk__in=customer_ids)
    changes_record(organization_id=organization_id, kind=Kind.CUSTOMER, ids=[*customer_ids, *people.values_list(
        "pk", flat=True)])


def reminders_changed(*, organization_id: int, reminder_ids) -> None:
    changes_record(organization_id=organization_id, kind=Kind.REMINDER, ids=reminder_ids)


def visibility_changed(*, user_ids) -> None:
    resync_require(user_ids=user_ids)


def connect() -> None:
    task_hooks.tasks_changed.connect(tasks_changed)
    task_hooks.tasks_deleting.connect(tasks_deleting)
    customer_events.customers_changed.connect(customers_changed)
    customer_events.customers_deleting.connect(customers_deleting)
    reminder_hooks.reminders_changed.connect(reminders_changed)
    account_events.visibility_changed.connect(visibility_changed)
