"""L2: proposals made when a task is completed, and their acceptance or dismissal.

``suggestion_propose`` runs inside the completion's transaction (``tasks.hooks.task_closed``), so
a completion that rolls back proposes nothing, and the user sees the proposal in the answer to
the very request that completed the task.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.suggestions.access import suggestion_get_for_update
from followup.suggestions.models import NextTask, Suggestion, SuggestionStatus
from followup.tasks.models import Source, StatusCategory, Task
from followup.tasks.selectors import today_for
from followup.tasks.services import task_create


def proposed_title(template: str, task: Task) -> str:
    """``{customer}`` and ``{title}`` filled in from the completed task."""
    customer = task.customer.name if task.customer_id else ""
    return template.replace("{customer}", customer).replace("{title}", task.title).strip()[:200] or task.title


def suggestion_propose(*, task: Task, actor: User | None, category: str) -> Suggestion | None:
    """L2: a task of a type with a next task was completed by ``actor``: propose the next one to
    them (once per task and person). Canceled tasks and the system's completions propose nothing."""
    if category != StatusCategory.DONE or actor is None or task.type_id is None:
        return None
    rule = NextTask.objects.filter(after_type_id=task.type_id).first()
    if rule is None:
        return None
    suggestion, _made = Suggestion.objects.get_or_create(
        source_task=task, user=actor,
        defaults={"organization_id": task.organization_id, "customer_id": task.customer_id,
                  "task_type_id": rule.next_type_id, "title": proposed_title(rule.title, task),
                  "due_date": today_for(actor) + dt.timedelta(days=rule.delay_days)},
    )
    return suggestion


def suggestion_accept(*, actor: User, suggestion_id, title: str | None = None, due_date: dt.date | None = None,
                      type_id: int | None = None, assignee_ids: list[int] | None = None) -> Task:
    """L2: make the proposed task (edited first when any of the overrides is given), owned by the
    accepter, for the completed task's customer, with ``source=suggestion``. Accepting again
    answers the task made the first time."""
    with transaction.atomic():
        suggestion = suggestion_get_for_update(actor=actor, suggestion_id=suggestion_id)
        if suggestion.status == SuggestionStatus.ACCEPTED and suggestion.created_task_id is not None:
            return Task.objects.get(pk=suggestion.created_task_id)
        if suggestion.status == SuggestionStatus.DISMISSED:
            raise FieldErrors.single("suggestion", _("This suggestion was dismissed."))
        task = task_create(
            actor=actor, title=suggestion.title if title is None else title, customer_id=suggestion.customer_id,
            assignee_ids=[actor.pk] if assignee_ids is None else assignee_ids,
            due_date=due_date or suggestion.due_date,
            type_id=suggestion.task_type_id if type_id is None else type_id,
            source=Source.SUGGESTION, origin_id=suggestion.pk, require_customer=suggestion.customer_id is not None,
        )
        suggestion.status, suggestion.created_task, suggestion.decided_at = (
            SuggestionStatus.ACCEPTED, task, timezone.now())
        suggestion.save(update_fields=["status", "created_task", "decided_at"])
    return task


def suggestion_dismiss(*, actor: User, suggestion_id) -> Suggestion:
    """L2: no next task this time. Dismissing twice is harmless; an accepted one stays accepted."""
    with transaction.atomic():
        suggestion = suggestion_get_for_update(actor=actor, suggestion_id=suggestion_id)
        if suggestion.status == SuggestionStatus.ACCEPTED:
            raise FieldErrors.single("suggestion", _("This suggestion was accepted already."))
        if suggestion.status == SuggestionStatus.PENDING:
            suggestion.status, suggestion.decided_at = SuggestionStatus.DISMISSED, timezone.now()
            suggestion.save(update_fields=["status", "decided_at"])
    return suggestion
