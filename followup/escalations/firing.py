"""A6: the scheduler's escalation run. For each threshold, the pending tasks overdue by at least
that long are claimed in batches (``INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING``
into ``Escalated``: once per task and threshold, whichever scheduler gets there first) and
each is told, in the application and by e-mail, to its assignees' department heads, or to
the company managers where an assignee has no head (or heads the department) and for
unassigned tasks.

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
from followup.notifications.services import notify
from followup.tasks.models import Task, TaskAssignment

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
    """Who is told about each task: its assignees' heads, else the company managers."""
    managers = set(User.objects.filter(organization_id=organization_id, is_active=True, role=Role.MANAGER)
                   .values_list("pk", flat=True))
    told: dict[int, set[int]] = {task_id: set() for task_id in task_ids}
    for task_id, user_id, head_id in TaskAssignment.objects.filter(task_id__in=task_ids).values_list(
            "task_id", "user_id", "user__department__head_id"):
        told[task_id] |= {head_id} if head_id and head_id != user_id else managers
    for people in told.values():
        if not people:
            people |= managers
    return told


def threshold_words(hours: int) -> str:
    if hours % 24 == 0:
        return ngettext("%(n)s day", "%(n)s days", hours // 24) % {"n": hours // 24}
    return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}


def _tell(rule: EscalationRule, task_ids: list[int]) -> None:
    told = supervisors(task_ids, rule.organization_id)
    people = User.objects.in_bulk({pk for ids in told.values() for pk in ids})
    for task in Task.objects.filter(pk__in=task_ids).order_by("pk"):
        notify(event=Event.TASK_ESCALATED, recipients=[people[pk] for pk in told[task.pk] if pk in people],
               actor=None, target=task, url=reverse("tasks:detail", args=[task.pk]),
               title=lambda task=task: _("Overdue by more than %(late)s: “%(title)s”") % {
                   "late": threshold_words(rule.overdue_hours), "title": task.title},
               email_body=lambda task=task: _("Due %(due)s and still open.") % {"due": task.due_date.isoformat()})


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
