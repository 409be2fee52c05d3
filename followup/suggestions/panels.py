"""L2: the proposals shown where the user just completed a task — the task page, the row the
list's complete button answers with, and the task list after a batch completion — through
``followup.tasks.panels``. Each is one query when there is nothing to propose."""

from django.template.loader import render_to_string

from followup.suggestions import selectors
from followup.suggestions.list_panel import list_panel_html
from followup.suggestions.models import SuggestionStatus
from followup.tasks.selectors import task_types


def _render(request, template: str, suggestions: list, **context) -> str:
    if not suggestions:
        return ""
    return render_to_string(template, {"suggestions": suggestions, "types": task_types(request.user),
                                       "here": request.get_full_path(), **context}, request=request)


def task_page(request, task) -> str:
    """The proposal after this task, or what became of it; a pending task has none (no query)."""
    if task.is_pending:
        return ""
    shown = [s for s in selectors.suggestions_for_task(actor=request.user, task=task)
             if s.status != SuggestionStatus.DISMISSED]
    return _render(request, "suggestions/_task_panel.html", shown)


def after_row(request, task) -> str:
    """The row of the task just completed is followed by its proposal (htmx swaps both in)."""
    pending = [s for s in selectors.suggestions_for_task(actor=request.user, task=task)
               if s.status == SuggestionStatus.PENDING]
    here = request.POST.get("next") or request.get_full_path()
    return _render(request, "suggestions/_row.html", pending, here=here)


def task_list(request) -> str:
    """The open proposals (after a batch completion: one per completed task), newest first, compact:
    ``PANEL_LIMIT`` of them, and whether more wait (the API lists them all)."""
    pending = selectors.suggestions_pending(actor=request.user, limit=selectors.PANEL_LIMIT + 1)
    if not pending:
        return ""
    return list_panel_html(request, pending[:selectors.PANEL_LIMIT], more=len(pending) > selectors.PANEL_LIMIT)
