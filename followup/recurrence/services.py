"""B3: every write of recurring tasks — start a series from a task, make the next occurrence
when one is closed (once; in the template's project and deal, with the closed one's subtasks
open again), change "this and following", stop repeating.

The next occurrence is made inside the transaction that closed the task (``task_closed``): the
closing service holds the task's row lock, so two completions at once are one close and one
next occurrence; the series' row lock and ``Occurrence``'s unique constraints keep it to one
whatever path the close came by.
"""

import datetime as dt
import logging
import zoneinfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import DomainError, FieldErrors
from followup.recurrence import rules
from followup.recurrence.access import occurrence_of, series_get_for_update
from followup.recurrence.models import Occurrence, Series
from followup.tasks.access import ensure_can_edit, task_get_for_update
from followup.tasks.models import Source, Task
from followup.tasks.services import subtask_create, task_create, task_update
from followup.tasks.team import performer_ids
from followup.tasks.validation import TaskLinks

log = logging.getLogger(__name__)


def _zone(user: User) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(user.time_zone or "UTC")


def _local_time(task: Task, owner: User) -> dt.time | None:
    return task.due_at.astimezone(_zone(owner)).time().replace(tzinfo=None) if task.due_at else None


def _new_series(*, actor: User, task: Task, rrule: str) -> Series:
    """The template is the task as it is now; its due date and time are the first occurrence."""
    start_time = _local_time(task, actor)
    rules.ensure_has_dates(rrule, dt.datetime.combine(task.due_date, start_time or dt.time.min))
    series = Series.objects.create(
        organization_id=task.organization_id, owner=actor, rrule=rrule, start_date=task.due_date,
        start_time=start_time, title=task.title, task_type_id=task.type_id,
        priority=task.priority, customer_id=task.customer_id, description=task.description,
        duration_minutes=task.duration_minutes, project_id=task.project_id, deal_id=task.deal_id,
    )
    series.assignees.set(task.assignees.all())
    Occurrence.objects.create(series=series, task=task, starts_on=task.due_date)
    return series


def series_start(*, actor: User, task_id: int, rrule: str) -> Series:
    """B3: make a task the first occurrence of a new series repeating by ``rrule``."""
    rrule = rules.clean_rrule(rrule)
    with transaction.atomic():
        task = task_get_for_update(actor=actor, task_id=task_id)
        ensure_can_edit(actor, task)
        if occurrence_of(task.pk) is not None:
            raise FieldErrors.single("recurrence", _("This task repeats already."))
        return _new_series(actor=actor, task=task, rrule=rrule)


def series_stop(*, actor: User, task_id: int) -> Series | None:
    """B3: "Stop repeating": no occurrence after this task's is made; the tasks made stay."""
    with transaction.atomic():
        task = task_get_for_update(actor=actor, task_id=task_id)
        ensure_can_edit(actor, task)
        series = series_get_for_update(task_id=task.pk)
        if series is not None and series.ended_at is None:
            series.ended_at = timezone.now()
            series.save(update_fields=["ended_at"])
    return series


def series_split(*, actor: User, task_id: int, rrule: str) -> Series:
    """B3, "this and following": the task's series ends before this occurrence, and a new series
    (the new rule, the task's current fields as its template) starts from it. A task that did
    not repeat yet simply starts one."""
    rrule = rules.clean_rrule(rrule)
    with transaction.atomic():
        task = task_get_for_update(actor=actor, task_id=task_id)
        ensure_can_edit(actor, task)
        old = series_get_for_update(task_id=task.pk)
        if old is None:
            return _new_series(actor=actor, task=task, rrule=rrule)
        if old.ended_at is None:
            old.ended_at = timezone.now()
            old.save(update_fields=["ended_at"])
        occurrence = Occurrence.objects.get(task_id=task.pk)
        occurrence.delete()
        return _new_series(actor=actor, task=task, rrule=rrule)


def _next_task(series: Series, starts_on: dt.date) -> Task:
    """The template as a task, in the template's project and deal. People who left are dropped
    from it, and so is a retired type (L5: retiring keeps the tasks made, and the series goes on
    without it)."""
    type_id = series.task_type_id if series.task_type_id and series.task_type.is_active else None
    return task_create(
        actor=series.owner, title=series.title, customer_id=series.customer_id,
        assignee_ids=[u.pk for u in series.assignees.filter(is_active=True)], due_date=starts_on,
        priority=series.priority, type_id=type_id, due_time=series.start_time,
        duration_minutes=series.duration_minutes, description=series.description, source=Source.RECURRENCE,
        require_customer=series.customer_id is not None, origin_id=series.pk,
        links=TaskLinks(project_id=series.project_id, deal_id=series.deal_id),
    )


def _copy_subtasks(*, closed: Task, made: Task, owner: User) -> None:
    """B3, J10: the closed occurrence's subtasks, open again under the next one: the same titles,
    people (those still active and among the performers), priority and description, due as many
    days from the task's due date as they were, at the same time of day in the owner's zone. A
    subtask that can no longer be made (its people left, its date is out of range) is logged and
    skipped; the occurrence is made without it."""
    performers = performer_ids(made)
    subtasks = Task.objects.filter(parent_id=closed.pk).prefetch_related("assignees").order_by("due_date", "pk")
    for sub in subtasks:
        people = [u.pk for u in sub.assignees.all() if u.is_active and (not performers or u.pk in performers)]
        if not people:
            log.warning("recurrence: task %s made without the subtask %s: its people left", made.pk, sub.pk)
            continue
        try:
            with transaction.atomic():
                subtask_create(
                    actor=owner, parent_id=made.pk, title=sub.title, assignee_ids=people,
                    due_date=made.due_date + (sub.due_date - closed.due_date), priority=sub.priority,
                    due_time=_local_time(sub, owner), duration_minutes=sub.duration_minutes,
                    description=sub.description, source=Source.RECURRENCE,
                )
        except (DomainError, OverflowError) as exc:
            log.warning("recurrence: task %s made without the subtask %s: %s", made.pk, sub.pk, exc)


def occurrence_next(*, task: Task) -> Task | None:
    """B3: the occurrence after ``task``'s, made once however often the task is closed (a reopened
    and completed task, two completions at once). ``None`` when the series has ended or stopped,
    or its owner left; a template that no longer makes a valid task (the organization has no
    open status left, say) is logged and makes nothing rather than refusing the completion."""
    occurrence = Occurrence.objects.filter(task_id=task.pk).first()
    if occurrence is None:
        return None
    try:
        with transaction.atomic():
            series = (Series.objects.select_for_update(of=("self",)).select_related("owner", "task_type")
                      .get(pk=occurrence.series_id))
            if series.ended_at is not None or series.owner is None or not series.owner.is_active:
                return None
            if Occurrence.objects.filter(previous=occurrence).exists():
                return None
            start = dt.datetime.combine(series.start_date, series.start_time or dt.time.min)
            today = timezone.now().astimezone(_zone(series.owner)).date()
            starts_on = rules.next_date(text=series.rrule, start=start, after=occurrence.starts_on,
                                        not_before=today)
            if starts_on is None:
                return None
            made = _next_task(series, starts_on)
            _copy_subtasks(closed=task, made=made, owner=series.owner)
            Occurrence.objects.create(series=series, task=made, starts_on=starts_on, previous=occurrence)
            return made
    except IntegrityError:
        return None  # another close made it first (the constraints held)
    except (DomainError, ValueError, OverflowError) as exc:  # OverflowError: a rule past year 9999
        log.warning("recurrence: series %s made no next occurrence: %s", occurrence.series_id, exc)
        return None


def on_task_closed(*, task: Task, actor: User | None, category: str) -> None:
    """``tasks.hooks.task_closed``: a completed or canceled occurrence brings the next one."""
    occurrence_next(task=task)


def task_create_repeating(*, actor: User, rrule: str | None, **task_fields) -> Task:
    """C2, B3: create a task (``task_create``'s arguments) that repeats by ``rrule`` when one is
    given; the rule's problem and the task's are reported together (C3), and nothing is made."""
    errors: dict[str, list[str]] = {}
    if rrule is not None:
        try:
            rrule = rules.clean_rrule(rrule)
        except FieldErrors as exc:
            errors.update(exc.errors)
    with transaction.atomic():
        try:
            task = task_create(actor=actor, **task_fields)
        except FieldErrors as exc:
            raise FieldErrors({**exc.errors, **errors}) from None
        if errors:
            raise FieldErrors(errors)
        if rrule is not None:
            _new_series(actor=actor, task=task, rrule=rrule)
    return task


def task_update_repeating(*, actor: User, task_id: int, version: int | None, rrule: str | None,
                          **task_fields) -> Task:
    """D4, B3: edit a task and, "this and following", repeat it from now on by ``rrule``
    (``None``: stop repeating). The edit and the new rule stand or fall together."""
    if rrule is not None:
        rrule = rules.clean_rrule(rrule)
    with transaction.atomic():
        task = task_update(actor=actor, task_id=task_id, version=version, **task_fields)
        if rrule is None:
            series_stop(actor=actor, task_id=task.pk)
        else:
            series_split(actor=actor, task_id=task.pk, rrule=rrule)
    return task
