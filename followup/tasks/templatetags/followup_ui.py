"""Small template helpers of the UI: query strings that keep the filters, priority names."""

import html

from django import template
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from followup.tasks.models import Priority
from followup.tasks.rows import RowRenderer
from followup.tasks.selectors import today_for

register = template.Library()


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """The current query string with some parameters replaced (``None`` or "" removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True) if params else "?"


@register.filter
def priority_label(value) -> str:
    try:
        return str(Priority(int(value)).label)
    except (TypeError, ValueError):
        return ""


@register.filter
def person_initials(user) -> str:
    return getattr(user, "initials", "") or "?"


@register.filter
def contains(collection, item) -> bool:
    return str(item) in {str(x) for x in (collection or [])}


FIELD_LABELS = {
    "title": _("Title"), "customer": _("Customer"), "assignees": _("Assigned to"), "priority": _("Priority"),
    "status": _("Status"), "type": _("Type"), "due_date": _("Due date"), "due_time": _("Due time"),
    "duration_minutes": _("Duration"), "description": _("Description"),
}


@register.filter
def field_label(name) -> str:
    """The history's field names in the reader's language."""
    return str(FIELD_LABELS.get(name, name))


@register.simple_tag
def person_options(people, selected=None):
    """The ``<option>``s of a people ``<select>``, built in Python with the standard library's
    escaping: with 200 people and three such selects, the template language (and even
    ``format_html``) spent tens of milliseconds of the task list here."""
    values = selected if isinstance(selected, list | tuple | set) else [selected]
    chosen = {str(value) for value in values if value not in (None, "")}
    return mark_safe("".join(  # every user-typed part is escaped right here
        f'<option value="{p.pk}"{" selected" if str(p.pk) in chosen else ""}>{html.escape(p.display_name)}</option>'
        for p in people
    ))


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
    """The due date and time in the reader's time zone, overdue ones marked."""
    return mark_safe(_row_renderer(context).due(task))
