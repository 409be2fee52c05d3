"""A2: what a phone app receives of each kind, and which objects of it a person may see.

Payloads name related objects by id (``customer_id``, ``status_id``, ``assignee_ids``), never
by name: a renamed customer is one changed customer, not a change of each of its tasks. A
task carries its notes (D3), so a task that comes back into view brings them along. The
visibility rules are those of the kinds' own apps (``tasks.access``, ``customers.access``).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Prefetch, QuerySet

from followup.accounts.models import User
from followup.customers.access import customers_of
from followup.customers.models import Customer
from followup.reminders.models import Reminder
from followup.sync.models import Kind
from followup.tasks.access import tasks_visible_to
from followup.tasks.models import Note, Priority, Task, TaskAssignment


@dataclass(frozen=True)
class Source:
    kind: str
    visible: Callable[[User], QuerySet]  # every object of the kind the person may see
    out: Callable[[Model], dict]


def visible_tasks(user: User) -> QuerySet[Task]:
    """Three queries a page: the tasks, their assignees, their notes."""
    return tasks_visible_to(user).prefetch_related(
        Prefetch("assignments", queryset=TaskAssignment.objects.only("task_id", "user_id").order_by("pk")),
        Prefetch("notes", queryset=Note.objects.order_by("created_at", "pk")),
    )


def task_out(task: Task) -> dict:
    return {
        "id": task.pk, "title": task.title, "description": task.description, "customer_id": task.customer_id,
        "owner_id": task.owner_id, "co_owner_id": task.co_owner_id,
        "assignee_ids": [a.user_id for a in task.assignments.all()],
        "priority": Priority(task.priority).name.lower(), "status_id": task.status_id,
        "is_pending": task.is_pending, "type_id": task.type_id, "due_date": task.due_date, "due_at": task.due_at,
        "duration_minutes": task.duration_minutes, "parent_id": task.parent_id, "completed_at": task.completed_at,
        "version": task.version, "updated_at": task.updated_at,
        "notes": [{"id": n.pk, "author_id": n.author_id, "body": n.body, "created_at": n.created_at}
                  for n in task.notes.all()],
    }


def customer_out(customer: Customer) -> dict:
    return {
        "id": customer.pk, "kind": customer.kind, "name": customer.name, "email": customer.email,
        "phone": customer.phone, "owner_id": customer.owner_id, "stage": customer.stage,
        "company_id": customer.company_id, "birthday": customer.birthday,
        "contract_end_date": customer.contract_end_date, "notes": customer.notes,
        "updated_at": customer.updated_at,
    }


def own_reminders(user: User) -> QuerySet[Reminder]:
    """J6: a reminder is its owner's alone."""
    return Reminder.objects.filter(organization_id=user.organization_id, owner_id=user.pk).select_related(
        "content_type")


def reminder_out(reminder: Reminder) -> dict:
    return {
        "id": reminder.pk, "target_type": reminder.content_type.model, "target_id": reminder.object_id,
        "target_label": reminder.target_label, "remind_at": reminder.remind_at, "note": reminder.note,
        "is_active": reminder.is_active, "fired_at": reminder.fired_at,
    }


#: In the order a full copy sends them: customers before the tasks that name them.
SOURCES = {
    Kind.CUSTOMER: Source(Kind.CUSTOMER, customers_of, customer_out),
    Kind.TASK: Source(Kind.TASK, visible_tasks, task_out),
    Kind.REMINDER: Source(Kind.REMINDER, own_reminders, reminder_out),
}
ORDER = list(SOURCES)
