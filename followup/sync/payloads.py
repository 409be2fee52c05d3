"""A2: what a phone app receives of each kind, and which objects of it a person may see.

Payloads name related objects by id (``customer_id``, ``status_id``, ``assignee_ids``), never
by name: a renamed customer is one changed customer, not a change of each of its tasks. A
task carries its notes (D3), so a task that comes back into view brings them along. The
visibility rules are those of the kinds' own apps (``tasks.access``, ``customers.access``).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, QuerySet

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
    rows: Callable[[QuerySet], list[dict]]  # the payloads of a (sliced) queryset of them


TASK_FIELDS = ("id", "title", "description", "customer_id", "owner_id", "co_owner_id", "priority", "status_id",
               "is_pending", "type_id", "due_date", "due_at", "duration_minutes", "parent_id", "completed_at",
               "version", "updated_at")
PRIORITY_NAMES = {p.value: p.name.lower() for p in Priority}


def task_rows(tasks: QuerySet[Task]) -> list[dict]:
    """Three queries a page, as plain rows (no model instances: a page of 500 tasks is built in
    a few milliseconds): the tasks, their assignees, their notes (D3, oldest first)."""
    rows = list(tasks.values(*TASK_FIELDS))
    ids = [row["id"] for row in rows]
    people, notes = defaultdict(list), defaultdict(list)
    for task_id, user_id in TaskAssignment.objects.filter(task_id__in=ids).order_by("pk").values_list(
            "task_id", "user_id"):
        people[task_id].append(user_id)
    for note in Note.objects.filter(task_id__in=ids).order_by("created_at", "pk").values(
            "id", "task_id", "author_id", "body", "created_at"):
        notes[note.pop("task_id")].append(note)
    for row in rows:
        row.update(priority=PRIORITY_NAMES[row["priority"]], assignee_ids=people[row["id"]], notes=notes[row["id"]])
    return rows


CUSTOMER_FIELDS = ("id", "kind", "name", "email", "phone", "owner_id", "stage", "company_id", "birthday",
                   "contract_end_date", "notes", "updated_at")


def customer_rows(customers: QuerySet[Customer]) -> list[dict]:
    return list(customers.values(*CUSTOMER_FIELDS))


def own_reminders(user: User) -> QuerySet[Reminder]:
    """J6: a reminder is its owner's alone."""
    return Reminder.objects.filter(organization_id=user.organization_id, owner_id=user.pk)


def reminder_rows(reminders: QuerySet[Reminder]) -> list[dict]:
    return list(reminders.values("id", "target_label", "remind_at", "note", "is_active", "fired_at",
                                 target_type=F("content_type__model"), target_id=F("object_id")))


#: In the order a full copy sends them: customers before the tasks that name them.
SOURCES = {
    Kind.CUSTOMER: Source(Kind.CUSTOMER, customers_of, customer_rows),
    Kind.TASK: Source(Kind.TASK, tasks_visible_to, task_rows),
    Kind.REMINDER: Source(Kind.REMINDER, own_reminders, reminder_rows),
}
ORDER = list(SOURCES)
