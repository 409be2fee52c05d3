"""Small template helpers every app's pages use: query strings that keep the filters, dates as
people type them, and form fields' length limits."""

import datetime as dt

from django import template
from django.apps import apps
from django.utils.http import urlencode

from followup.core import dates

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
def person_initials(user) -> str:
    return getattr(user, "initials", "") or "?"


@register.filter
def contains(collection, item) -> bool:
    return str(item) in {str(x) for x in (collection or [])}


@register.filter
def date_input(value) -> str:
    """A date as the user types it (``06/11/2026``); text already typed is shown as it was."""
    if isinstance(value, dt.date):
        return dates.format_date(value)
    return value or ""


@register.simple_tag
def date_placeholder() -> str:
    return dates.active_format().placeholder


@register.simple_tag
def date_separator() -> str:
    return dates.active_format().separator


@register.simple_tag
def field_max(label: str) -> int:
    """``maxlength`` for a form field: the model field's own ``max_length`` (issue 13 §1.12), so
    the page and the server's check read one number. ``"tasks.Task.title"`` -> 200."""
    app_label, model_name, field = label.split(".")
    return apps.get_model(app_label, model_name)._meta.get_field(field).max_length
