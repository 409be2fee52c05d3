"""A6: the scheduler's escalation run. For each threshold, the pending tasks overdue by at least
that long are claimed in batches (``INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING``
into ``Escalated``: once per task and threshold, whichever scheduler gets there first) and
each is told, in the application and by e-mail, to its assignees' department heads, or to
the company managers where an assignee has no head (or heads the department) and for
unassigned tasks: one notification per person and batch, naming the task, or how many and
(in the e-mail) which.

A task with a time is overdue from that time; one with only a date from the end of that day
in the organization's time zone.
"""

import datetime as dt
import zoneinfo

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from followup.accounts.models import Role, User
from followup.escalations.models import Escalated, EscalationRule
from followup.notifications.models import Event
from followup.notifications.services import absolute_url, notify
from followup.tasks.models import Task, TaskAssignment
from followup.tasks.selectors import TaskView

BATCH = 500


def overdue(rule: EscalationRule, *, now: dt.datetime) -> QuerySet[Task]:
    """The rule's pending tasks overdue by its threshold that it has not escalated yet."""
    late = dt.timedelta(hours=rule.overdue_hours)
    local = (now - late).astimezone(zoneinfo.ZoneInfo(rule.organization.time_zone or "UTC"))
    tasks = Task.objects.filter(organization_id=rule.organization_id, is_pending=True).filter(
        Q(due_at__isnull=False, due_at__lte=now - late)
        | Q(due_at__isnull=True, due_date__lt=local.date()))
    if rule.task_type_id:
        tasks = tasks.filter(type_id=rule.task_type_id)
    return tasks.exclude(Exists(Escalated.objects.filter(rule=rule, task=OuterRef("pk"))))


def _claim(rule: EscalationRule, *, now: dt.datetime) -> list[int]:
    source, params = overdue(rule, now=now).order_by("pk").values(tid=F("pk"))[:BATCH].query.sql_with_params()
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {qn(Escalated._meta.db_table)} (rule_id, task_id, created_at)"
            f" SELECT %s, s.tid, %s FROM ({source}) s WHERE 1 = 1 ON CONFLICT (rule_id, task_id) DO NOTHING"
            " RETURNING task_id",
            [rule.pk, connection.ops.adapt_datetimefield_value(now), *params],
        )
        return [row[0] for row in cursor.fetchall()]


def supervisors(task_ids: list[int], organization_id: int) -> dict[int, set[int]]:
    """Who is told about each task: its assignees' heads, else the company managers; never
    the task's own assignees."""
    managers = set(User.objects.filter(organization_id=organization_id, is_active=True, role=Role.MANAGER)
                   .values_list("pk", flat=True))
    told: dict[int, set[int]] = {task_id: set() for task_id in task_ids}
    doers: dict[int, set[int]] = {task_id: set() for task_id in task_ids}
    for task_id, user_id, head_id in TaskAssignment.objects.filter(task_id__in=task_ids).values_list(
            "task_id", "user_id", "user__department__head_id"):
        told[task_id] |= {head_id} if head_id and head_id != user_id else managers
        doers[task_id].add(user_id)
    for task_id, people in told.items():
        if not people:
            people |= managers
        people -= doers[task_id]  # a manager's own late task is for the other managers
    return told


def threshold_words(hours: int) -> str:
    if hours % 24 == 0:
        return ngettext("%(n)s day", "%(n)s days", hours // 24) % {"n": hours // 24}
    return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}


def _one(late: int, task: Task) -> dict:
    return {"url": reverse("tasks:detail", args=[task.pk]), "target": task, "title": lambda: _(
        "Overdue by more than %(late)s: “%(title)s”") % {"late": threshold_words(late), "title": task.title}}


def _several(late: int, tasks: list[Task]) -> dict:
    lines = "\n".join(f"- {t.title} ({t.due_date.isoformat()}): {absolute_url(reverse('tasks:detail', args=[t.pk]))}"
                      for t in tasks)
    return {"url": reverse("tasks:view", args=[TaskView.ALL_PENDING]) + "?overdue=1", "email_body": lines,
            "title": lambda: ngettext("%(n)s task of your people is overdue by more than %(late)s",
                                      "%(n)s tasks of your people are overdue by more than %(late)s", len(tasks))
            % {"n": len(tasks), "late": threshold_words(late)}}


def _tell(rule: EscalationRule, task_ids: list[int]) -> None:
    """One notification (and e-mail) per supervisor for the batch: the task itself when there is
    one, else how many and, in the e-mail, each with its link. Queries grow with the people
    told, not with the tasks."""
    told = supervisors(task_ids, rule.organization_id)
    tasks = Task.objects.in_bulk(task_ids)
    per_person: dict[int, list[Task]] = {}
    for task_id in sorted(task_ids):
        for person in told[task_id]:
            per_person.setdefault(person, []).append(tasks[task_id])
    for person in User.objects.filter(pk__in=per_person, is_active=True):
        mine = per_person[person.pk]
        words = _one(rule.overdue_hours, mine[0]) if len(mine) == 1 else _several(rule.overdue_hours, mine)
        notify(event=Event.TASK_ESCALATED, recipients=[person], actor=None, **words)


def escalate(rule: EscalationRule, *, now: dt.datetime | None = None) -> int:
    """Escalate every task past the rule's threshold, a batch a transaction; returns how many."""
    now = now or timezone.now()
    total = 0
    while True:
        with transaction.atomic():
            claimed = _claim(rule, now=now)
            if claimed:
                _tell(rule, claimed)
        total += len(claimed)
        if len(claimed) < BATCH:
            return total


def escalations_run(*, now: dt.datetime | None = None) -> int:
    """Every active threshold of every organization."""
    rules = EscalationRule.objects.filter(is_active=True).select_related("organization").order_by("pk")
    return sum(escalate(rule, now=now) for rule in rules)
