"""The task list's rows, rendered in Python.

A row of the task table was about 0.6 ms in the template language (25 rows: 16 ms, most of
the page), because each of its ~60 variables, tags and filters is interpreted one by one.
The same HTML built here with f-strings costs a few hundredths of that, and keeps the list
pages inside their 20 ms budget (``followup bench``). Every piece of user text passes
through ``html.escape``; the words come from gettext like everywhere else.
"""

import datetime as dt
from html import escape

from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from followup.core.templatetags.followup_ui import icon
from followup.core.web import page_url_base
from followup.tasks.access import can_edit, may_set_status, shares_received
from followup.tasks.models import Priority, Source, Task

#: What made a task by itself (D8, D9, L2, L3, B3): the row names it, so an automatic task is
#: told from one a person made at a glance.
AUTOMATIC = (Source.AUTOMATION, Source.FORM, Source.TEMPLATE, Source.SUGGESTION, Source.RECURRENCE)


class RowRenderer:
    """Renders rows for one page: words, link bases and today's date are looked up once."""

    def __init__(self, *, here_q: str, today: dt.date, actor=None):
        self.here_q = here_q
        self.today = today
        self.actor = actor
        self._shares = None  # the reader's grants (L7), read when a row first asks
        self.customers_url = reverse("customers:list")
        # Issue 16 §1: one reverse() per page; a row's URL is this prefix and the task's id.
        self.tasks_url = page_url_base("tasks:detail")
        self.waiting_icon = icon("reminders", 16)
        self.priority_labels = {value: escape(str(label)) for value, label in Priority.choices}
        self.source_labels = {value: escape(str(Source(value).label)) for value in AUTOMATIC}
        self.words = {key: escape(text) for key, text in {
            "reopen": _("Reopen"),
            "team": _("Team"), "unassigned": _("Unassigned"), "overdue": _("overdue"), "subtask_of": _("Subtask of"),
            "by_subtasks": _("Completes itself when every performer's subtasks are done"),
            "read_only": _("Read-only"),
        }.items()}

    def row(self, task: Task) -> SafeString:
        """One row: its cells are the wide table's columns, and the same cells make the phone's
        summary (A2) by CSS alone (app.css, "Phone"): title, then customer and due date, then
        priority, status, type and the other people as small tags.

        Issue 16 §2, a light page: the row holds its title once (its controls are named by the
        page's words and the title's link, ``aria-labelledby``: "Complete: Ring back"); the row and
        its cells carry no classes but a closed, team or read-only task's (the table's CSS picks
        the cells by position); the ⋯ that opens the page's one row menu (Edit, Reassign, Delete)
        is added by app.js, which alone makes it work, to every row but a read-only one. The
        buttons submit the page's batch form, which holds the table (its CSRF token and "next"),
        to this task's URL (``formaction``), so a row needs no form of its own; app.js sends them
        with htmx instead, which replaces the row, as the table's body says once for every row
        (``hx-target``, ``hx-swap``)."""
        url = f"{self.tasks_url}{task.pk}/"  # the task page; its actions live under it: complete/, edit/, ...
        editable = self._may_edit(task)
        customer = (
            f'<a href="{self.customers_url}{task.customer_id}/">{escape(task.customer.name)}</a>'
            if task.customer_id else '<span class="muted">—</span>'
        )
        status = escape(task.status.category), escape(task.status.name)
        return mark_safe(
            f'{self._opening(task, editable)}'
            f'<td><input type="checkbox" name="task_ids" value="{task.pk}" aria-labelledby="l-check tt{task.pk}"></td>'
            f'<td><a id="tt{task.pk}" href="{url}">{escape(task.title)}</a>{self._labels(task)}</td>'
            f'<td>{customer}</td>'
            f'<td>{self.assignees(task, in_row=True)}</td>'
            f'<td><span class="tag prio-{task.priority}">{self.priority_labels.get(task.priority, "")}</span></td>'
            f'<td><span class="status status-{status[0]}">{status[1]}</span></td>'
            f'<td>{self.due(task)}</td>'
            f'<td>{self._main_action(task, url, editable)}</td></tr>'
        )

    @staticmethod
    def _opening(task: Task, editable: bool) -> str:
        classes = [name for name, on in (
            ("is-closed", not task.is_pending), ("is-team", task.is_team_task), ("is-readonly", not editable),
        ) if on]
        return f'<tr class="{" ".join(classes)}">' if classes else "<tr>"

    def _labels(self, task: Task) -> str:
        """Beside the title: the task's type, what made it by itself (D8, D9, L2, L3, B3) and the
        task it is a subtask of (J7, set by ``selectors.with_parent_titles``)."""
        labels = f'<span class="type-label">{escape(task.type.name)}</span>' if task.type_id else ""
        if task.source in self.source_labels:
            labels += f'<span class="source-label">{self.source_labels[task.source]}</span>'
        parent_title = getattr(task, "parent_title", None)
        if parent_title:
            labels += f'<span class="parent-label">{self.words["subtask_of"]} {escape(parent_title)}</span>'
        return labels

    def _main_action(self, task: Task, url: str, editable: bool) -> str:
        """Complete (or Reopen); the waiting sign of a task its subtasks complete (J7); for a
        subscriber (J8) or a read-only grant (L7) a word only, the task's page says why."""
        w = self.words
        if not editable:
            return f'<span class="sr-only">{w["read_only"]}</span>'
        if task.is_pending and not self._may_set_status(task):
            return (f'<span class="icon-waiting" title="{w["by_subtasks"]}" role="img" '
                    f'aria-labelledby="l-waiting tt{task.pk}">{self.waiting_icon}</span>')
        if task.is_pending:
            return (f'<button class="icon-complete" formaction="{url}complete/" '
                    f'aria-labelledby="l-complete tt{task.pk}">✓</button>')
        return (f'<button class="btn btn-xs" formaction="{url}reopen/" '
                f'aria-labelledby="l-reopen tt{task.pk}">↺ <span class="btn-text">{w["reopen"]}</span></button>')

    def _may_edit(self, task: Task) -> bool:
        """``access.can_edit`` without a query a row: the assignees are prefetched, and the
        reader's grants are read once for the page, only for someone shared with (L7)."""
        actor = self.actor
        if actor is None or not actor.is_authenticated:
            return True
        if self._shares is None and actor.receives_shares:
            self._shares = shares_received(actor)
        return can_edit(actor, task, self._shares)

    def _may_set_status(self, task: Task) -> bool:
        actor = self.actor
        return actor is None or not actor.is_authenticated or may_set_status(actor, task)

    def assignees(self, task: Task, in_row: bool = False) -> str:
        """J7: a team task shows stacked avatars, a Team tag and first names. ``in_row``: in the
        task table, whose CSS sizes the avatars, the reader's own name is marked ``me`` so that a
        phone's row shows only the other people."""
        people = list(task.assignees.all())
        if not people:
            return f'<span class="muted unassigned">{self.words["unassigned"]}</span>'
        avatar = "avatar" if in_row else "avatar avatar-sm"
        if not task.is_team_task:
            reader = self.actor.pk if in_row and self.actor is not None else None
            return "".join(
                f'<span class="assignees{" me" if p.pk == reader else ""}">'
                f'<span class="{avatar}">{escape(p.initials)}</span><span>{escape(p.display_name)}</span></span>'
                for p in people
            )
        avatars = "".join(f'<span class="{avatar}">{escape(p.initials)}</span>' for p in people[:3])
        if len(people) > 3:
            avatars += f'<span class="{avatar} avatar-more">+{len(people) - 3}</span>'
        full_names = escape(", ".join(p.display_name for p in people))
        first_names = escape(", ".join(p.first_name or p.username for p in people))
        return (
            f'<span class="assignees team" title="{full_names}"><span class="avatar-stack">{avatars}</span>'
            f'<span class="tag tag-team">{self.words["team"]}</span>'
            f'<span class="team-names">{first_names}</span></span>'
        )

    def due(self, task: Task) -> str:
        return due_html(task, self.today, self.words["overdue"])


def due_html(task: Task, today: dt.date, overdue_word: str) -> str:
    """The due date (and time, in the reader's time zone); overdue and today stand out. Alone, for
    a page that shows one due date per task without a row (the task page, the customer's tasks)."""
    overdue = task.is_pending and task.due_date < today
    state = " overdue" if overdue else (" today" if task.is_pending and task.due_date == today else "")
    if task.due_at:
        text = dateformat.format(timezone.localtime(task.due_at), "j M Y, H:i")
    else:
        text = dateformat.format(task.due_date, "j M Y")
    note = f' <span class="sr-only">({overdue_word})</span>' if overdue else ""
    return f'<span class="due{state}">{escape(text)}{note}</span>'
