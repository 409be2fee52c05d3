"""Who is told about a task's events, and in what words (J2, J8), each in their own language (§4).

Called by ``followup.tasks.services`` inside their transaction: the notification and outbox
rows commit with the change. The actor is never told about their own action (``notify``).
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.notifications.models import Event
from followup.notifications.services import Text, notify
from followup.tasks.history import change_lines
from followup.tasks.models import StatusCategory, Task

NOTE_EXCERPT = 1_000


def task_url(task: Task) -> str:
    return reverse("tasks:detail", args=[task.pk])


def _people(ids: Iterable[int | None]) -> list[User]:
    wanted = {i for i in ids if i is not None}
    return list(User.objects.filter(pk__in=wanted, is_active=True)) if wanted else []


def _participant_ids(task: Task) -> set[int | None]:
    assignees = set(task.assignments.values_list("user_id", flat=True))
    subscribers = set(task.subscribers.values_list("pk", flat=True))
    return {task.owner_id, task.co_owner_id} | assignees | subscribers


def _send(event: str, task: Task, actor: User | None, ids: Iterable[int | None], title: Text) -> None:
    notify(event=event, recipients=_people(ids), actor=actor, title=title, url=task_url(task), target=task)


def _who(actor: User | None) -> str:
    return actor.display_name if actor is not None else _("Followup")


def task_created(task: Task, actor: User) -> None:
    """J8: assignees and subscribers learn of a new task."""
    ids = set(task.assignments.values_list("user_id", flat=True)) | set(task.subscribers.values_list("pk", flat=True))
    _send(Event.TASK_CREATED, task, actor, ids,
          lambda: _("%(actor)s created “%(title)s”") % {"actor": _who(actor), "title": task.title})


def task_assigned(task: Task, actor: User, new_ids: Iterable[int], *, reassigned: bool) -> None:
    """People newly given a task."""
    event = Event.TASK_REASSIGNED if reassigned else Event.TASK_ASSIGNED
    _send(event, task, actor, new_ids,
          lambda: _("%(actor)s assigned “%(title)s” to you") % {"actor": _who(actor), "title": task.title})


def task_status_changed(task: Task, actor: User | None, old_category: str) -> None:
    """J8: owner, co-owner, assignees and subscribers learn of a completion or another status change."""
    completed = task.status.category == StatusCategory.DONE and old_category != StatusCategory.DONE

    def title() -> str:
        words = {"actor": _who(actor), "title": task.title, "status": task.status.name}
        if completed:
            return _("%(actor)s completed “%(title)s”") % words
        return _("%(actor)s set “%(title)s” to %(status)s") % words

    _send(Event.TASK_COMPLETED if completed else Event.TASK_STATUS, task, actor, _participant_ids(task), title)


def task_updated(task: Task, actor: User, changes: list[dict[str, str]], *, also: Iterable[int] = (),
                 skip: Iterable[int] = ()) -> None:
    """J2: the task's people learn what an edit changed (status moves and new assignees have their
    own notices, so they are not repeated here). ``also`` adds people the edit took off the task;
    ``skip`` leaves out those just told they were given it. Edits by one person fold (J2 bursts)."""
    shown = [c for c in changes if c["field"] != "status"]
    if not shown:
        return
    ids = (_participant_ids(task) | set(also)) - set(skip)
    notify(event=Event.TASK_UPDATED, recipients=_people(ids), actor=actor, url=task_url(task), target=task,
           title=lambda: _("%(actor)s changed “%(title)s”") % {"actor": _who(actor), "title": task.title},
           email_body=lambda: change_lines(shown), fold_key=f"task_updated:{task.pk}:{actor.pk}")


def task_note_added(task: Task, actor: User, body: str) -> None:
    """J2: the task's people read a new note (notes by one person in a burst fold into one notice)."""
    notify(event=Event.TASK_NOTE, recipients=_people(_participant_ids(task)), actor=actor, url=task_url(task),
           target=task,
           title=lambda: _("%(actor)s added a note to “%(title)s”") % {"actor": _who(actor), "title": task.title},
           email_body=body[:NOTE_EXCERPT], fold_key=f"task_note:{task.pk}:{actor.pk}")


def task_deleted(task: Task, actor: User) -> None:
    """J2: the task's people learn it is gone. Called before the delete; the notice names the task
    and points nowhere, so it survives the task (and everything about it) going."""
    notify(event=Event.TASK_DELETED, recipients=_people(_participant_ids(task)), actor=actor,
           title=lambda: _("%(actor)s deleted “%(title)s”") % {"actor": _who(actor), "title": task.title})


def task_due_soon(task: Task, minutes: int) -> None:
    """J2: the people who do the task (the owner, if nobody does) learn it is about to fall due."""
    ids = set(task.assignments.values_list("user_id", flat=True)) or {task.owner_id}
    _send(Event.TASK_DUE_SOON, task, None, ids,
          lambda: _("“%(title)s” is due in %(minutes)s minutes") % {"title": task.title, "minutes": minutes})
