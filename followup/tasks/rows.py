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
from followup.tasks.access import may_set_status
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
        self.customers_url = reverse("customers:list")
        # Issue 16 §1: one reverse() per page; a row's URL is this prefix and the task's id.
        self.tasks_url = reverse("tasks:detail", args=[0]).removesuffix("0/")
        self.waiting_icon = icon("reminders", 16)
        self.priority_labels = {value: escape(str(label)) for value, label in Priority.choices}
        self.source_labels = {value: escape(str(Source(value).label)) for value in AUTOMATIC}
        self.words = {key: escape(text) for key, text in {
            "check": _("Check"), "assigned": _("Assigned to"), "complete": _("Complete"),
            "reopen": _("Reopen"), "more": _("More actions"), "edit": _("Edit"), "reassign": _("Reassign…"),
            "delete": _("Delete"), "delete_confirm": _("Delete this task?"), "team": _("Team"),
            "unassigned": _("Unassigned"), "overdue": _("overdue"), "subtask_of": _("Subtask of"),
            "by_subtasks": _("Completes itself when every performer's subtasks are done"),
        }.items()}

    def row(self, task: Task) -> SafeString:
        w = self.words
        title = escape(task.title)
        url = f"{self.tasks_url}{task.pk}/"  # the task page; its actions live under it: complete/, edit/, ...
        classes = "task-row" + ("" if task.is_pending else " is-closed") + (" is-team" if task.is_team_task else "")
        type_name = escape(task.type.name) if task.type_id else ""
        customer_name = escape(task.customer.name) if task.customer_id else ""
        status = f'status-{escape(task.status.category)}">{escape(task.status.name)}</span>'
        priority = f'<span class="tag prio-{task.priority}">{self.priority_labels.get(task.priority, "")}</span>'
        type_label = f'<span class="type-label">{type_name}</span>' if type_name else ""
        if task.source in self.source_labels:
            type_label += f'<span class="source-label">{self.source_labels[task.source]}</span>'
        parent_title = getattr(task, "parent_title", None)  # J7: set by selectors.with_parent_titles
        if parent_title:
            type_label += f'<span class="parent-label">{w["subtask_of"]} {escape(parent_title)}</span>'
        customer = (
            f'<a class="link-quiet" href="{self.customers_url}{task.customer_id}/">{customer_name}</a>'
            if task.customer_id else '<span class="muted">—</span>'
        )
        if task.is_pending and not self._may_set_status(task):
            main_action = f'<span class="icon-btn icon-waiting" title="{w["by_subtasks"]}" role="img" ' \
                          f'aria-label="{w["by_subtasks"]}: {title}">{self.waiting_icon}</span>'
        elif task.is_pending:
            main_action = (
                f'<button class="icon-btn icon-complete" type="submit" form="batch-form" formaction="{url}complete/" '
                f'hx-post="{url}complete/" title="{w["complete"]}" '
                f'aria-label="{w["complete"]}: {title}">✓</button>'
            )
        else:
            main_action = (
                f'<button class="btn btn-xs" type="submit" form="batch-form" formaction="{url}reopen/" '
                f'hx-post="{url}reopen/" '
                f'aria-label="{w["reopen"]}: {title}">↺ <span class="btn-text">{w["reopen"]}</span></button>'
            )
        due = self.due(task)
        # The buttons submit the page's batch form (its CSRF token and "next") to this task's URL,
        # so a row needs no form of its own; with htmx they replace the row, as the table's body
        # says once for every row (``hx-target``, ``hx-swap``: issue 16 §2, a lighter page).
        return mark_safe(
            f'<tr id="task-{task.pk}" class="{classes}">'
            f'<td class="col-check"><input type="checkbox" name="task_ids" value="{task.pk}" form="batch-form" '
            f'data-row-check aria-label="{w["check"]}: {title}"></td>'
            f'<td class="col-title"><a class="task-title" href="{url}">{title}</a>'
            f'{type_label}{self.compact(task, customer_name, due, priority, status, type_name)}</td>'
            f'<td>{customer}</td>'
            f'<td>{self.assignees(task)}</td>'
            f'<td>{priority}</td>'
            f'<td><span class="status {status}</td>'
            f'<td>{due}</td>'
            f'<td class="col-actions"><div class="row-actions">{main_action}'
            f'<details class="menu row-menu"><summary class="icon-btn" aria-label="{w["more"]}: {title}">⋯</summary>'
            f'<div class="menu-panel menu-right">'
            f'<a href="{url}edit/?next={self.here_q}">{w["edit"]}</a>'
            f'<a href="{url}edit/?next={self.here_q}" data-reassign="{url}reassign/" data-title="{title}">'
            f'{w["reassign"]}</a>'
            f'<button type="submit" form="batch-form" formaction="{url}delete/" hx-post="{url}delete/" '
            f'hx-confirm="{w["delete_confirm"]} {title}" '
            f'class="menu-item danger">{w["delete"]}</button>'
            f'</div></details></div></td></tr>'
        )

    def compact(self, task: Task, customer_name: str, due: str, priority: str, status: str, type_name: str) -> str:
        """A2: what a phone shows under the title, in place of the other columns (hidden there):
        the customer and the due date on one line, then priority, status, type and the people
        other than the reader as small tags, so that a screen holds five tasks or more. Wide
        screens hide it and show the columns. It reuses the row's escaped pieces."""
        customer = f'<span class="row-customer">{customer_name}</span>' if customer_name else ""
        type_tag = f'<span class="type-label">{type_name}</span>' if type_name else ""
        others = [p for p in task.assignees.all() if self.actor is None or p.pk != self.actor.pk]
        people = ""
        if others:
            avatars = "".join(f'<span class="avatar avatar-xs">{escape(p.initials)}</span>' for p in others[:3])
            if len(others) > 3:
                avatars += f'<span class="avatar avatar-xs avatar-more">+{len(others) - 3}</span>'
            names = escape(", ".join(p.display_name for p in others))
            people = f'<span class="avatar-stack" role="img" aria-label="{self.words["assigned"]}: {names}" ' \
                     f'title="{names}">{avatars}</span>'
        return (
            f'<div class="row-meta">{customer}{due}</div>'
            f'<div class="row-tags">{priority}<span class="tag status-tag {status}{type_tag}{people}</div>'
        )

    def _may_set_status(self, task: Task) -> bool:
        actor = self.actor
        return actor is None or not actor.is_authenticated or may_set_status(actor, task)

    def assignees(self, task: Task) -> str:
        """J7: a team task shows stacked avatars, a Team tag and first names."""
        people = list(task.assignees.all())
        if not people:
            return f'<span class="muted unassigned">{self.words["unassigned"]}</span>'
        if not task.is_team_task:
            return "".join(
                f'<span class="assignees"><span class="avatar avatar-sm">{escape(p.initials)}</span>'
                f"<span>{escape(p.display_name)}</span></span>"
                for p in people
            )
        avatars = "".join(f'<span class="avatar avatar-sm">{escape(p.initials)}</span>' for p in people[:3])
        if len(people) > 3:
            avatars += f'<span class="avatar avatar-sm avatar-more">+{len(people) - 3}</span>'
        full_names = escape(", ".join(p.display_name for p in people))
        first_names = escape(", ".join(p.first_name or p.username for p in people))
        return (
            f'<span class="assignees team" title="{full_names}"><span class="avatar-stack">{avatars}</span>'
            f'<span class="tag tag-team">{self.words["team"]}</span>'
            f'<span class="team-names">{first_names}</span></span>'
        )

    def due(self, task: Task) -> str:
        """The due date (and time, in the reader's time zone); overdue and today stand out."""
        overdue = task.is_pending and task.due_date < self.today
        state = " overdue" if overdue else (" today" if task.is_pending and task.due_date == self.today else "")
        if task.due_at:
            text = dateformat.format(timezone.localtime(task.due_at), "j M Y, H:i")
        else:
            text = dateformat.format(task.due_date, "j M Y")
        note = f' <span class="sr-only">({self.words["overdue"]})</span>' if overdue else ""
        return f'<span class="due{state}">{escape(text)}{note}</span>'
