"""Every write to one task: create, edit, complete, reopen, reassign, delete, notes.

The web UI, the API, the batch actions (``bulk``) and automation call these functions, so each rule
lives here once. Every function runs in one transaction, bumps ``Task.version`` (optimistic
concurrency: a stale ``version`` raises ``StaleEdit``) and writes a history entry (D3).
"""

import datetime as dt
import zoneinfo

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.accounts.models import User
from followup.core.concurrency import ensure_current
from followup.core.exceptions import FieldErrors
from followup.core.limits import max_length, too_long
from followup.tasks import events, hooks
from followup.tasks.access import (
    ensure_can_delete,
    ensure_can_edit,
    ensure_can_note,
    ensure_keeps_grantors,
    task_get,
    task_get_for_update,
)
from followup.tasks.history import Snapshot, history_record
from followup.tasks.models import (
    HistoryAction,
    Note,
    Priority,
    Source,
    StatusCategory,
    Task,
    TaskAssignment,
    TaskStatus,
)
from followup.tasks.status import (
    announce_if_closed,
    apply_status,
    change_status,
    default_status,
    history_action,
    save_new_version,
    sync_team_task,
)
from followup.tasks.team import check_subtask_assignees, ensure_may_add_subtask, ensure_may_set_status
from followup.tasks.validation import TaskLinks, TaskValues, clean_task_links, clean_task_values

EDITABLE_FIELDS = (
    "title", "customer_id", "assignee_ids", "priority", "status_id", "type_id",
    "due_date", "due_time", "duration_minutes", "description",
)


def _actor_zone(actor: User) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(actor.time_zone or "UTC")


def _due_at(actor: User, due_date: dt.date, due_time: dt.time | None) -> dt.datetime | None:
    """A time typed by a user is local to them; it is stored in UTC."""
    if due_time is None:
        return None
    return dt.datetime.combine(due_date, due_time, tzinfo=_actor_zone(actor)).astimezone(dt.UTC)


def _set_assignees(task: Task, users: list[User]) -> None:
    TaskAssignment.objects.filter(task=task).exclude(user__in=users).delete()
    existing = set(TaskAssignment.objects.filter(task=task).values_list("user_id", flat=True))
    TaskAssignment.objects.bulk_create([
        TaskAssignment(organization_id=task.organization_id, task=task, user=u,
                       is_pending=task.is_pending, due_date=task.due_date)
        for u in users if u.pk not in existing
    ])
    task.assignee_count = len(users)


def _co_owner_for(actor: User, assignees: list[User]) -> User | None:
    """J13: a task a user creates for themself only gets their department head as co-owner."""
    if [u.pk for u in assignees] != [actor.pk] or actor.department_id is None:
        return None
    head = User.objects.filter(headed_departments=actor.department_id, is_active=True).first()
    return head if head is not None and head.pk != actor.pk else None


def task_create(
    *,
    actor: User,
    title: str | None,
    customer_id: int | None,
    assignee_ids: list[int] | None,
    due_date: dt.date | None,
    priority: int | None = Priority.MEDIUM,
    status_id: int | None = None,
    type_id: int | None = None,
    due_time: dt.time | None = None,
    duration_minutes: int | None = None,
    description: str = "",
    source: str = Source.TASK_MODULE,
    require_customer: bool = True,
    require_assignee: bool = False,
    links: TaskLinks | None = None,
    origin_id: int | None = None,
) -> Task:
    """D5–D7, C2: create a task. Every missing or invalid field is reported at once (C3).
    ``links`` ties it to a parent task, project, deal or memo and adds subscribers (J8);
    ``origin_id`` names the rule, form, template, suggestion or series that made it (``source``)."""
    values = clean_task_values(
        actor=actor,
        raw=TaskValues(
            title=title, customer_id=customer_id, assignee_ids=assignee_ids, due_date=due_date,
            priority=priority, status_id=status_id, type_id=type_id, due_time=due_time,
            duration_minutes=duration_minutes, description=description,
        ),
        require_customer=require_customer,
        require_assignee=require_assignee,
    )
    if source not in Source.values:
        raise FieldErrors.single("source", _("Unknown source."))
    linked = clean_task_links(actor=actor, links=links or TaskLinks())
    if linked.parent is not None:
        ensure_may_add_subtask(actor, linked.parent)
        check_subtask_assignees(linked.parent, values.assignees)
        if values.customer is None:
            values.customer = linked.parent.customer
    with transaction.atomic():
        task = Task(
            co_owner=_co_owner_for(actor, values.assignees), parent=linked.parent,
            project_id=linked.project_id, deal_id=linked.deal_id, memo_id=linked.memo_id,
            organization_id=actor.organization_id, owner=actor, title=values.title,
            customer=values.customer, priority=values.priority, type=values.type,
            due_date=values.due_date, due_at=_due_at(actor, values.due_date, values.due_time),
            duration_minutes=values.duration_minutes, description=values.description, source=source,
            origin_id=origin_id,
        )
        apply_status(task, values.status or default_status(actor.organization_id), actor)
        task.save()
        _set_assignees(task, values.assignees)
        task.save(update_fields=["assignee_count"])
        if linked.subscribers:
            task.subscribers.set(linked.subscribers)
        history_record(task, actor, HistoryAction.CREATED)
        hooks.tasks_changed.announce(organization_id=task.organization_id, task_ids=[task.pk])
        events.task_created(task, actor)
        if task.parent_id is not None:
            sync_team_task(parent_id=task.parent_id, actor=actor)
    return task


def subtask_create(
    *, actor: User, parent_id: int, title: str | None, assignee_ids: list[int] | None,
    due_date: dt.date | None, priority: int | None = Priority.MEDIUM, description: str = "",
    source: str = Source.TASK_MODULE, due_time: dt.time | None = None, duration_minutes: int | None = None,
) -> Task:
    """J7, J10: a subtask of a task the actor sees, for themself or another performer of the
    main task; it belongs to the main task's customer (or none: subtasks are internal). A time
    of day (in the actor's zone) and a duration are optional, as for any task."""
    parent = task_get(actor=actor, task_id=parent_id)
    return task_create(
        actor=actor, title=title, customer_id=None, assignee_ids=assignee_ids, due_date=due_date,
        due_time=due_time, duration_minutes=duration_minutes,
        priority=priority, description=description, source=source, require_customer=False,
        require_assignee=True, links=TaskLinks(parent_id=parent.pk, project_id=parent.project_id),
    )


STALE = gettext_lazy("This task was changed by someone else (now version %(v)s). Reload and try again.")


def _locked_task(*, actor: User, task_id: int, version: int | None) -> Task:
    task = task_get_for_update(actor=actor, task_id=task_id)
    ensure_current(task, version, STALE)
    return task


def task_update(*, actor: User, task_id: int, version: int | None = None, **fields) -> Task:
    """D4: edit any of the fields in ``EDITABLE_FIELDS``; fields not passed stay as they are."""
    subscriber_ids = fields.pop("subscriber_ids", None)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise FieldErrors({name: [_("Unknown field.")] for name in sorted(unknown)})
    with transaction.atomic():
        task = _locked_task(actor=actor, task_id=task_id, version=version)
        ensure_can_edit(actor, task)
        assignees = list(task.assignees.all())
        old_category = task.status.category
        before = Snapshot.of(task, assignees)
        current = TaskValues.of_task(task, [u.pk for u in assignees], _actor_zone(actor))
        values = clean_task_values(
            actor=actor, raw=current.replace(**fields), require_customer=task.customer_id is not None, current=task,
        )
        task.title, task.customer, task.priority = values.title, values.customer, values.priority
        task.type, task.due_date = values.type, values.due_date
        task.due_at = _due_at(actor, values.due_date, values.due_time)
        task.duration_minutes, task.description = values.duration_minutes, values.description
        status_changed = values.status is not None and values.status.pk != task.status_id
        if status_changed:
            ensure_may_set_status(actor, task)
            apply_status(task, values.status, actor)
        new_ids: set[int] = set()
        if "assignee_ids" in fields:
            ensure_keeps_grantors(actor, task, [u.pk for u in values.assignees])
            if task.parent_id is not None:
                check_subtask_assignees(task.parent, values.assignees)
            new_ids = {u.pk for u in values.assignees} - {u.pk for u in assignees}
            _set_assignees(task, values.assignees)
        save_new_version(task)
        changes = before.diff(Snapshot.of(task, values.assignees if "assignee_ids" in fields else assignees))
        if subscriber_ids is not None:
            changes += _set_subscribers(actor, task, subscriber_ids)
        crossed = history_action(old_category, task.status.category, HistoryAction.UPDATED)
        if crossed != HistoryAction.UPDATED:
            # The completion (or reopening) is its own entry, as when the task's button does it.
            history_record(task, actor, crossed, [c for c in changes if c["field"] == "status"])
            changes = [c for c in changes if c["field"] != "status"]
        if changes:
            history_record(task, actor, HistoryAction.UPDATED, changes)
            removed = {u.pk for u in assignees} - {u.pk for u in values.assignees} if "assignee_ids" in fields \
                else set()
            events.task_updated(task, actor, changes, also=removed, skip=new_ids)
        if new_ids:
            events.task_assigned(task, actor, new_ids, reassigned=bool(assignees))
        if status_changed:
            events.task_status_changed(task, actor, old_category)
            announce_if_closed(task, actor, old_category)
        if task.parent_id is not None and status_changed:
            sync_team_task(parent_id=task.parent_id, actor=actor)
        elif "assignee_ids" in fields and task.parent_id is None:
            sync_team_task(parent_id=task.pk, actor=actor)
    return task


def _set_subscribers(actor: User, task: Task, subscriber_ids: list[int]) -> list[dict]:
    """J8: the people who follow the task; returns the history change, if any."""
    users = clean_task_links(actor=actor, links=TaskLinks(subscriber_ids=subscriber_ids)).subscribers
    before = sorted(u.display_name for u in task.subscribers.all())
    task.subscribers.set(users)
    after = sorted(u.display_name for u in users)
    return [] if before == after else [{"field": "subscribers", "old": ", ".join(before), "new": ", ".join(after)}]


def _move_to_status(*, actor: User, task_id: int, version: int | None, status: TaskStatus | None,
                    category: str, action: str) -> Task:
    with transaction.atomic():
        task = _locked_task(actor=actor, task_id=task_id, version=version)
        ensure_can_edit(actor, task)
        target = status or default_status(task.organization_id, category)
        if target.pk == task.status_id:
            return task
        ensure_may_set_status(actor, task)
        change_status(task, target, actor, action)
    return task


def task_complete(*, actor: User, task_id: int, version: int | None = None) -> Task:
    """D4: mark a task done."""
    return _move_to_status(actor=actor, task_id=task_id, version=version, status=None,
                           category=StatusCategory.DONE, action=HistoryAction.COMPLETED)


def task_reopen(*, actor: User, task_id: int, version: int | None = None) -> Task:
    """D4: a completed (or canceled) task can be marked incomplete again."""
    return _move_to_status(actor=actor, task_id=task_id, version=version, status=None,
                           category=StatusCategory.OPEN, action=HistoryAction.REOPENED)


def task_set_status(*, actor: User, task_id: int, status_id: int, version: int | None = None) -> Task:
    """D11: change the status, e.g. from the customer profile."""
    try:
        status = TaskStatus.objects.get(pk=int(status_id), organization_id=actor.organization_id, is_active=True)
    except (TaskStatus.DoesNotExist, TypeError, ValueError):
        raise FieldErrors.single("status", _("Choose one of the organization's statuses.")) from None
    return _move_to_status(actor=actor, task_id=task_id, version=version, status=status,
                           category=status.category, action=HistoryAction.STATUS)


def task_reassign(*, actor: User, task_id: int, assignee_ids: list[int], version: int | None = None) -> Task:
    """D4: give the task to other people (an empty list makes it unassigned)."""
    with transaction.atomic():
        task = _locked_task(actor=actor, task_id=task_id, version=version)
        ensure_can_edit(actor, task)
        old_users = list(task.assignees.all())
        before = ", ".join(sorted(u.display_name for u in old_users))
        users = clean_task_values(
            actor=actor,
            raw=TaskValues.of_task(task, assignee_ids, _actor_zone(actor)),
            require_customer=False, current=task,
        ).assignees
        ensure_keeps_grantors(actor, task, [u.pk for u in users])
        if task.parent_id is not None:
            check_subtask_assignees(task.parent, users)
        _set_assignees(task, users)
        save_new_version(task)
        after = ", ".join(sorted(u.display_name for u in users))
        if after != before:
            change = [{"field": "assignees", "old": before, "new": after}]
            history_record(task, actor, HistoryAction.REASSIGNED, change)
            new_ids = {u.pk for u in users} - {u.pk for u in old_users}
            events.task_updated(task, actor, change, also={u.pk for u in old_users}, skip=new_ids)
            events.task_assigned(task, actor, new_ids, reassigned=True)
        if task.parent_id is None:
            sync_team_task(parent_id=task.pk, actor=actor)
    return task


def task_delete(*, actor: User, task_id: int, version: int | None = None) -> None:
    """D4: delete a task the actor owns (or any, for task operators). Its subtasks go with it, and
    so do the chat messages, reminders and notifications about them (``LinkTarget``); the
    attachments' files leave the disk after commit."""
    with transaction.atomic():
        task = _locked_task(actor=actor, task_id=task_id, version=version)
        ensure_can_delete(actor, task)
        events.task_deleted(task, actor)
        hooks.tasks_deleting.announce(organization_id=task.organization_id, task_ids=[task.pk])
        task.delete()


def note_add(*, actor: User, task_id: int, body: str) -> Note:
    """D3: anyone who sees a task may add a note to it. The task's row is locked, so a note added
    while the task is deleted waits for the delete and then finds no task (404), rather than
    writing a note whose task is gone (an IntegrityError at commit on PostgreSQL)."""
    body = (body or "").strip()
    if not body:
        raise FieldErrors.single("body", _("Write the note first."))
    if long := too_long(body, max_length(Note, "body")):
        raise FieldErrors({"body": long})
    with transaction.atomic():
        task = task_get_for_update(actor=actor, task_id=task_id)
        ensure_can_note(actor, task)
        note = Note.objects.create(task=task, author=actor, body=body)
        hooks.tasks_changed.announce(organization_id=task.organization_id, task_ids=[task.pk])
        events.task_note_added(task, actor, body)
    return note


