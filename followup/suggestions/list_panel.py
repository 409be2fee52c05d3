"""L2: the task list's compact list of open proposals, rendered in Python.

A batch completion can leave many proposals, and the task list is the page people sit on: in
the template language each line cost about 1 ms (three URLs, two translated sentences, a form),
as the list's rows did (``tasks.rows``); built here with f-strings the whole panel costs a
fraction of one. Every user text passes through ``html.escape``; the words come from gettext.
"""

from html import escape

from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from followup.suggestions.models import Suggestion


def _line(s: Suggestion, *, csrf: str, here: str, words: dict) -> str:
    accept = reverse("suggestions:accept", args=[s.pk])
    dismiss = reverse("suggestions:dismiss", args=[s.pk])
    edit = reverse("tasks:detail", args=[s.source_task_id]) + f"#suggestion-{s.pk}"
    kind = f"{escape(s.task_type.name)} · " if s.task_type_id else ""
    due = escape(_("due %(d)s") % {"d": dateformat.format(s.due_date, "j M Y")})
    after = escape(_("after “%(t)s”") % {"t": s.source_task.title})
    return (
        f'<li class="suggestion" data-suggestion id="suggestion-{s.pk}"><form method="post" action="{accept}" '
        f'hx-post="{accept}" hx-target="closest [data-suggestion]" hx-swap="outerHTML" class="suggestion-line">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
        f'<input type="hidden" name="next" value="{here}">'
        f'<span><span class="suggestion-title">{escape(s.title)}</span> '
        f'<span class="muted small">{kind}{due} · {after}</span></span>'
        f'<span class="suggestion-actions"><button class="btn btn-primary btn-xs" type="submit" data-accept>'
        f'{words["accept"]}</button><a class="btn btn-xs" href="{edit}">{words["edit"]}</a>'
        f'<button class="btn btn-xs" type="submit" formaction="{dismiss}" hx-post="{dismiss}" data-dismiss>'
        f'{words["dismiss"]}</button></span></form></li>'
    )


def list_panel_html(request, suggestions: list[Suggestion], *, more: bool) -> str:
    """The section above the task list: each proposal with Accept, Edit first (the completed task's
    page, where the proposal has its fields) and Dismiss; a line when more wait."""
    n = len(suggestions)
    heading = ngettext("Proposed next task", "Proposed next tasks (%(n)s)", n) % {"n": n}
    words = {"accept": escape(_("Accept")), "edit": escape(_("Edit first")), "dismiss": escape(_("Dismiss"))}
    csrf, here = escape(get_token(request)), escape(request.get_full_path())
    lines = "".join(_line(s, csrf=csrf, here=here, words=words) for s in suggestions)
    waiting = escape(_("More proposals wait: accept or dismiss these first.")) if more else ""
    tail = f'<p class="muted small">{waiting}</p>' if more else ""
    return (
        f'<link rel="stylesheet" href="{static("suggestions/suggestions.css")}">'
        f'<section class="card suggestions-panel" aria-labelledby="suggestions-heading">'
        f'<h2 id="suggestions-heading">{escape(heading)}</h2><ul class="suggestion-list">{lines}</ul>{tail}</section>'
    )
