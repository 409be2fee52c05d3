"""L6: "make a new status and move the tasks": how an administrator changes the category of a
status that tasks use (``tasks.config`` refuses to change it in place).

``task_status_replace`` retires the old status at once (no new task gets it) and records a
``StatusMove``. A few tasks (up to ``INLINE_LIMIT``) move in the same transaction; more move in
the background, ``BATCH`` at a time, each batch its own short transaction, so a million-task
organization is never locked and the Settings page shows the progress. A batch picks the tasks
that still have the old status, so a worker that dies mid-way loses and repeats nothing: the
scheduler's job (``tasks.jobs``) takes up any move left unfinished.

Each moved task changes as ``apply_status`` would change it (``is_pending``, the completion
stamp, the assignments' copies, a new ``version``) and gets a history entry naming the
administrator (a completion or reopening when the category says so, as the customer's
History expects, C4). Nobody is notified: re-filing statuses is housekeeping, not news about
the work. Main team tasks follow their moved subtasks (J12).
"""

import logging
import time

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task as background_task

from followup.accounts.access import ensure_admin
from followup.accounts.models import User
from followup.core.exceptions import FieldErrors, NotFound
from followup.tasks import hooks
from followup.tasks.config import status_get, task_status_add, task_status_save
from followup.tasks.models import (
    HistoryAction,
    HistoryEntry,
    StatusCategory,
    StatusMove,
    Task,
    TaskAssignment,
    TaskStatus,
)
from followup.tasks.status import history_action, sync_team_task

logger = logging.getLogger("followup.tasks.status_moves")

INLINE_LIMIT = 500
BATCH = 1_000


def _target(actor: User, source: TaskStatus, target_id, new: dict | None) -> TaskStatus:
    if target_id not in (None, ""):
        try:
            target = status_get(actor=actor, status_id=target_id)
        except NotFound:
            target = None
        if target is None or not target.is_active or target.pk == source.pk:
            raise FieldErrors.single("target_id", _("Choose another active status of your organization."))
        return target
    if not new:
        raise FieldErrors.single("target_id", _("Choose the status the tasks move to, or make a new one."))
    return task_status_add(actor=actor, name=new.get("name", ""), category=new.get("category", ""),
                           color=new.get("color", "slate"))


def task_status_replace(*, actor: User, status_id: int, target_id: int | None = None,
                        new: dict | None = None) -> StatusMove:
    """Move every task of a status to ``target_id`` or to a new status made from ``new``
    (``name``, ``category``, ``color``), and retire the old one. The default status's tasks
    move to an open status, which becomes the default."""
    ensure_admin(actor)
    with transaction.atomic():
        source = status_get(actor=actor, status_id=status_id)
        if StatusMove.objects.filter(source=source, finished_at__isnull=True).exists():
            raise FieldErrors.single("target_id", _("The tasks of this status are being moved already."))
        target = _target(actor, source, target_id, new)
        if source.is_default:
            if target.category != StatusCategory.OPEN:
                raise FieldErrors.single("target_id", _(
                    "“%(name)s” is the default for new tasks: move its tasks to a status of the open "
                    "category, which becomes the default.") % {"name": source.name})
            target.is_default = True
            task_status_save(status=target)
            source.refresh_from_db()
        source.is_active = False
        try:
            task_status_save(status=source)
        except FieldErrors as exc:
            raise FieldErrors({"target_id": [m for ms in exc.errors.values() for m in ms]}) from None
        total = Task.objects.filter(status_id=source.pk).count()
        move = StatusMove.objects.create(organization_id=actor.organization_id, source=source, target=target,
                                         actor=actor, total=total)
        if total <= INLINE_LIMIT:
            _move_batch(move, limit=INLINE_LIMIT + 1)
        else:
            transaction.on_commit(lambda: _enqueue(move.pk))
    return move


def _enqueue(move_id: int) -> None:
    """Hand the move to a worker; should the queue be unreachable, the scheduler's job moves it."""
    try:
        status_move_task.enqueue(move_id)
    except Exception:  # noqa: BLE001 - the change is committed; the periodic job is the safety net
        logger.exception("could not enqueue status move %s; the scheduler will run it", move_id)


def _move_batch(move: StatusMove, *, limit: int) -> int:
    """Move up to ``limit`` tasks that still have the old status; finish the move when none is left."""
    source, target = move.source, move.target
    ids = list(Task.objects.filter(status_id=source.pk).order_by("pk").values_list("pk", flat=True)[:limit])
    if not ids:
        move.finished_at = timezone.now()
        move.save(update_fields=["finished_at"])
        return 0
    now = timezone.now()
    changes: dict = {"status_id": target.pk, "is_pending": target.is_pending, "version": F("version") + 1,
                     "updated_at": now}
    if target.category == StatusCategory.DONE and source.category != StatusCategory.DONE:
        changes.update(completed_at=now, completed_by_id=move.actor_id)
    elif target.category != StatusCategory.DONE:
        changes.update(completed_at=None, completed_by_id=None)
    moved = Task.objects.filter(pk__in=ids, status_id=source.pk).update(**changes)
    hooks.tasks_changed.announce(organization_id=move.organization_id, task_ids=ids)
    action = history_action(source.category, target.category, HistoryAction.STATUS)
    HistoryEntry.objects.bulk_create([
        HistoryEntry(task_id=pk, actor_id=move.actor_id, action=action,
                     changes=[{"field": "status", "old": source.name, "new": target.name}])
        for pk in ids
    ])
    if source.is_pending != target.is_pending:
        TaskAssignment.objects.filter(task_id__in=ids).update(is_pending=target.is_pending)
        parents = set(Task.objects.filter(pk__in=ids, parent_id__isnull=False).values_list("parent_id", flat=True))
        for parent_id in sorted(parents):
            sync_team_task(parent_id=parent_id, actor=move.actor)
    StatusMove.objects.filter(pk=move.pk).update(moved=F("moved") + moved)
    move.moved += moved
    if len(ids) < limit:
        move.finished_at = now
        move.save(update_fields=["finished_at"])
    return moved


def status_move_step(move_id: int, *, batch: int = BATCH) -> bool:
    """One batch of a move in its own transaction; ``False`` once the move is finished (or is
    being stepped by another worker this moment)."""
    with transaction.atomic():
        move = (StatusMove.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("source", "target", "actor")
                .filter(pk=move_id, finished_at__isnull=True).first())
        if move is None:
            return False
        _move_batch(move, limit=batch)
        return move.finished_at is None


def status_moves_run(*, batch: int = BATCH, seconds: float = 50.0) -> int:
    """Step every unfinished move until done or ``seconds`` have passed; returns the tasks moved."""
    deadline = time.monotonic() + seconds
    before = dict(StatusMove.objects.filter(finished_at__isnull=True).values_list("pk", "moved"))
    for move_id in sorted(before):
        while time.monotonic() < deadline and status_move_step(move_id, batch=batch):
            pass
    after = dict(StatusMove.objects.filter(pk__in=before).values_list("pk", "moved"))
    return sum(after[pk] - before[pk] for pk in before)


@background_task()
def status_move_task(move_id: int) -> None:
    """The worker's half of a large move: every batch, then done."""
    while status_move_step(move_id):
        pass


def status_moves_unfinished(*, actor: User) -> list[StatusMove]:
    """The moves the Settings page shows with their progress."""
    return list(StatusMove.objects.filter(organization_id=actor.organization_id, finished_at__isnull=True)
                .select_related("source", "target").order_by("created_at"))
