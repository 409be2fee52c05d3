"""Template helpers of the task pages: priority and history field names, task rows."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from followup.tasks.history import field_label_of
from followup.tasks.models import Priority
from followup.tasks.rows import RowRenderer, due_html
from followup.tasks.selectors import today_for

register = template.Library()


@register.filter
def priority_label(value) -> str:
    try:
        return str(Priority(int(value)).label)
    except (TypeError, ValueError):
        return ""


@register.filter
def field_label(name) -> str:
    """The history's field names in the reader's language."""
    return field_label_of(name)


def _row_renderer(context):
    today = context.get("today") or today_for(context["request"].user)
    request = context.get("request")
    return RowRenderer(here_q=context.get("here_q", ""), today=today, actor=getattr(request, "user", None))


@register.simple_tag(takes_context=True)
def task_rows(context, tasks):
    """The task table's rows (see ``followup.tasks.rows`` for why they are built in Python)."""
    renderer = _row_renderer(context)
    return mark_safe("".join(renderer.row(task) for task in tasks))


@register.simple_tag(takes_context=True)
def task_row(context, task):
    """One row, for the htmx answer to a row action."""
    return _row_renderer(context).row(task)


@register.simple_tag(takes_context=True)
def task_assignees(context, task):
    """J7: who a task is assigned to; team tasks look different."""
    return mark_safe(_row_renderer(context).assignees(task))


@register.simple_tag(takes_context=True)
def task_due(context, task):
    """The due date and time in the reader's time zone, overdue ones marked (no row renderer: a
    customer's page asks it once a task)."""
    today = context.get("today") or today_for(context["request"].user)
    return mark_safe(due_html(task, today, escape(_("overdue"))))
