"""Small template helpers of the UI: query strings that keep the filters, priority names."""

from django import template
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from followup.tasks.models import Priority

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
