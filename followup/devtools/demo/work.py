"""The demo's tasks: about 320 over the quarter, of every type, priority and status, each with
its own life: created some days before it was due, noted on, re-prioritized or handed to
someone else, completed (about a quarter, around their due dates) or canceled, and the
notifications of all that read by their people every few days, the last days' still unread."""

import datetime as dt

from followup.accounts.models import Organization, Role, User
from followup.customers.models import Customer
from followup.devtools.demo.story import Story
from followup.devtools.names import NOTES, TASK_TITLES
from followup.notifications.services import notifications_mark_read
from followup.tasks.models import Priority, StatusCategory, TaskStatus, TaskType
from followup.tasks.services import (
    note_add,
    task_complete,
    task_create,
    task_reassign,
    task_set_status,
    task_update,
)

TASKS = 320


def _due(story: Story, today: dt.date) -> dt.date:
    """Overdue, today, this week and later, in about equal parts."""
    rng, bucket = story.rng, story.rng.random()
    if bucket < 0.25:
        return today - dt.timedelta(days=rng.randint(1, 30))
    if bucket < 0.45:
        return today
    if bucket < 0.7:
        return today + dt.timedelta(days=rng.randint(1, 6))
    return today + dt.timedelta(days=rng.randint(7, 90))


class _Task:
    """One task's plan: who, what, when it was created and how its life went on."""

    def __init__(self, story: Story, owner: User, customer: Customer, assignees: list[User]):
        self.story, self.owner, self.customer, self.assignees = story, owner, customer, assignees
        self.task = None

    def created_before(self, due: dt.date) -> dt.datetime:
        """Some days before ``due`` (or before today, for one due later), after the customer came in."""
        zone = self.owner.time_zone
        day = min(self.story.now.date(), due) - dt.timedelta(days=self.story.rng.randint(1, 30))
        moment = self.story.at_work(day, zone)
        return moment if moment > self.customer.created_at else self.story.after(self.customer.created_at, zone, (0, 1))

    def created_any_day(self) -> dt.datetime:
        days = max(0, (self.story.now - self.customer.created_at).days - 2)
        return self.story.after(self.customer.created_at, self.owner.time_zone, days=(0, days))

    def create(self, moment: dt.datetime, **fields) -> None:
        def event():
            self.task = task_create(actor=self.owner, customer_id=self.customer.pk,
                                    assignee_ids=[u.pk for u in self.assignees], **fields)
        self.story.at(moment, event)

    def then(self, moment: dt.datetime, service, **fields) -> None:
        self.story.at(moment, lambda: service(task_id=self.task.pk, **fields))


def tasks(story: Story, org: Organization, users: list[User], customers: list[Customer]) -> None:
    rng, today = story.rng, story.now.date()
    types = {t.name: t for t in TaskType.objects.filter(organization=org)}
    statuses = {s.category: s for s in TaskStatus.objects.filter(organization=org)}
    workers = [u for u in users if u.role != Role.ADMIN]
    # Each completion goes to the assignee who has completed least so far, so every worker has a
    # Completed list; a team task is completed by its owner (its performers may not set its status, J12).
    done_by = {u.pk: 0 for u in workers}
    for i in range(TASKS):
        owner = rng.choice(workers)
        kind = rng.random()
        if kind < 0.08:
            assignees = []  # D2: unassigned
        elif kind < 0.2:
            assignees = rng.sample(workers, rng.randint(2, 3))  # J7: team task
        elif kind < 0.6:
            assignees = [owner]
        else:
            assignees = [rng.choice(workers)]
        type_name, template = rng.choice(TASK_TITLES)
        plan = _Task(story, owner, rng.choice(customers), assignees)
        fate = "done" if i % 4 == 0 else "canceled" if i % 25 == 1 else "pending"
        timed = type_name in ("Meeting", "Online meeting") or rng.random() < 0.15
        fields = dict(
            title=template.format(name=plan.customer.name),
            priority=rng.choices(Priority.values, weights=[3, 5, 3, 1])[0],
            type_id=types[type_name].pk if type_name else None,
            due_time=dt.time(rng.choice([9, 10, 11, 13, 14, 15, 16]), rng.choice([0, 30])) if timed else None,
            duration_minutes=rng.choice([30, 45, 60]) if timed else None,
            description=f"Customer since {plan.customer.created_at:%B %Y}." if rng.random() < 0.4 else "",
        )
        zone = owner.time_zone
        if fate == "pending":
            due = _due(story, today)
            if due < plan.customer.created_at.date():
                due = today + dt.timedelta(days=rng.randint(0, 14))
            created = plan.created_before(due)
            in_progress = rng.random() < 0.2
            plan.create(created, due_date=due, **fields,
                        status_id=statuses[StatusCategory.IN_PROGRESS].pk if in_progress else None)
            end = story.now
        else:
            created = plan.created_any_day()
            end = story.after(created, zone, days=(1, 12))
            due = max(created.date(), end.date() + dt.timedelta(days=rng.randint(-3, 2)))
            plan.create(created, due_date=due, **fields)
        roll = rng.random()
        if roll < 0.3:
            plan.then(story.between(created, end, zone), note_add, actor=owner, body=rng.choice(NOTES))
        if roll < 0.1:
            plan.then(story.between(created, end, zone), task_update, actor=owner, priority=Priority.HIGH)
        elif roll < 0.15 and assignees and fate == "pending":
            plan.then(story.between(created, end, zone), task_reassign, actor=owner,
                      assignee_ids=[rng.choice(workers).pk])
        if fate == "done":
            completer = owner if len(assignees) > 1 else min(assignees or [owner], key=lambda u: done_by[u.pk])
            done_by[completer.pk] = done_by.get(completer.pk, 0) + 1
            plan.then(end, task_complete, actor=completer)
        elif fate == "canceled":
            plan.then(end, task_set_status, actor=owner, status_id=statuses[StatusCategory.CANCELED].pk)


def reading(story: Story, users: list[User], *, since: dt.datetime) -> None:
    """Everyone reads their notifications every few working days; what came in the last two
    days is still unread."""
    for user in users:
        moment = story.after(since, user.time_zone, days=(1, 4))
        while moment < story.now - dt.timedelta(days=2):
            story.at(moment, lambda u=user: notifications_mark_read(actor=u))
            moment = story.after(moment, user.time_zone, days=(2, 6))
