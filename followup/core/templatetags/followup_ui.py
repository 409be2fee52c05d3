"""Small template helpers every app's pages use: query strings that keep the filters, dates as
people type them, form fields' length limits, icons."""

import datetime as dt
import html

from django import template
from django.apps import apps
from django.templatetags.static import static
from django.utils.html import json_script
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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


@register.simple_tag
def ui_words() -> str:
    """Issue 16 §2: the words the pickers', calendars' and task rows' scripts show, once per page
    (read by ``followupWord`` in head.js) instead of on every date field, picker and row."""
    return json_script({
        "clear": _("Clear"), "chosen": _("Chosen: {name}"), "remove": _("Remove {name}"),
        "prev": _("Previous month"), "next": _("Next month"), "today": _("Today"), "close": _("Close"),
        "calendar": _("Choose a date in the calendar"), "complete": _("Complete"),
    }, "ui-words")


# A2: the navigation's and buttons' line icons (24×24, drawn with the text colour), no icon font.
# Issue 16 §2: a page names them (``<use href="…icons.svg#i-tasks">``) from one sprite, a static file
# cached for a year, instead of carrying each one's drawing; ``sprite()`` writes that file
# (``followup/static/followup/icons.svg``, kept in step by a test).
ICONS = {
    "tasks": '<path d="M9 11l3 3 8-8"/><path d="M20 12v6a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h9"/>',
    "customers": '<path d="M16 20v-1.5a3.5 3.5 0 0 0-3.5-3.5h-5A3.5 3.5 0 0 0 4 18.5V20"/>'
                 '<circle cx="10" cy="8" r="3.5"/><path d="M20 20v-1.5a3.5 3.5 0 0 0-2.5-3.35"/>'
                 '<path d="M15 4.65a3.5 3.5 0 0 1 0 6.7"/>',
    "deals": '<rect x="3" y="7" width="18" height="13" rx="2"/>'
             '<path d="M8 7V5.5A1.5 1.5 0 0 1 9.5 4h5A1.5 1.5 0 0 1 16 5.5V7"/><path d="M3 13h18"/>',
    "memos": '<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/><path d="M14 3v5h5"/>'
             '<path d="M9 13h6M9 17h4"/>',
    "projects": '<path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/>',
    "reminders": '<circle cx="12" cy="13" r="7.5"/><path d="M12 9.5V13l2.5 2"/><path d="M4.5 4 2.5 6M19.5 4l2 2"/>',
    "notifications": '<path d="M6 9a6 6 0 0 1 12 0c0 6 2.5 8 2.5 8h-17S6 15 6 9"/>'
                     '<path d="M10.3 20.5a2 2 0 0 0 3.4 0"/>',
    # A simple gear: a hub and eight teeth (Settings, for administrators).
    "settings": '<circle cx="12" cy="12" r="3"/><path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1'
                'M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1"/><circle cx="12" cy="12" r="6.5"/>',
    "more": '<circle cx="5.5" cy="12" r="1.2"/><circle cx="12" cy="12" r="1.2"/><circle cx="18.5" cy="12" r="1.2"/>',
    "calendar": '<rect x="3.5" y="5" width="17" height="15.5" rx="2"/><path d="M3.5 10h17M8 3v4M16 3v4"/>',
    "plus": '<path d="M12 5v14M5 12h14"/>',
    "search": '<circle cx="10.5" cy="10.5" r="6.5"/><path d="m15.5 15.5 5 5"/>',
    "check": '<path d="M5 12.5l4.5 4.5L19 7.5" stroke-width="3"/>',  # the brand's mark
    "phone": '<path d="M5 4h3.5l1.5 4.5-2 1.5a11 11 0 0 0 6 6l1.5-2 4.5 1.5V19a2 2 0 0 1-2 2A16 16 0 0 1 3 6'
             'a2 2 0 0 1 2-2"/>',
    "mail": '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3.5 6.5 8.5 6.5 8.5-6.5"/>',
}


@register.simple_tag
def icon(name: str, size: int = 20, css: str = "icon") -> str:
    """One of ``ICONS`` from the sprite, hidden from screen readers (the link or button says it).
    ``size`` 0: the stylesheet sizes it (the top bar's, which every page carries; issue 16 §2)."""
    if name not in ICONS:
        raise KeyError(name)
    dimensions = f' width="{int(size)}" height="{int(size)}"' if size else ""
    return mark_safe(
        f'<svg class="{html.escape(css)}" aria-hidden="true"{dimensions}>'
        f'<use href="{static(SPRITE)}#i-{name}"/></svg>'
    )


SPRITE = "followup/icons.svg"


def sprite() -> str:
    """The text of ``static/followup/icons.svg``: every icon of ``ICONS`` as a ``<symbol>``."""
    symbols = "".join(
        f'<symbol id="i-{name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" '
        f'stroke-linecap="round" stroke-linejoin="round">{drawing}</symbol>\n'
        for name, drawing in ICONS.items()
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg">\n{symbols}</svg>\n'
