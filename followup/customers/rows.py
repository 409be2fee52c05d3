"""The customer list's rows (C1, D6), rendered in Python, as the task list's are
(``followup.tasks.rows``): in the template language a row cost about 0.1 ms of interpreting its
~25 variables, tags and filters one by one, a third of the page at 25 rows; the same HTML built
here costs a few hundredths of that (issue 16 §1: the page within 1.5x of its plain twin). Every
piece of user text passes through ``html.escape``; the words come from gettext like everywhere
else, translated once per page."""

from html import escape
from urllib.parse import quote

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from followup.customers.selectors import CustomerRow


class CustomerRows:
    """Renders the rows of one page: the words and the links' prefixes are looked up once."""

    def __init__(self, *, tasks_on: bool):
        self.tasks_on = tasks_on
        self.customers_url = reverse("customers:list")  # a row's page is this prefix and its id
        self.new_task_url = reverse("tasks:new")
        self.words = {key: escape(text) for key, text in {
            "name": _("Name"), "email": _("E-mail"), "phone": _("Phone"), "stage": _("Stage"), "owner": _("Owner"),
            "new_task": _("New task for this customer"),
        }.items()}
        self.choose, self.new_task_for = _("Choose %(name)s"), _("New task for %(name)s")

    def row(self, c: CustomerRow) -> str:
        w, name = self.words, escape(c.name)
        email = (f'<a class="link-quiet" href="mailto:{escape(quote(c.email, safe="@"))}">{escape(c.email)}</a>'
                 if c.email else '<span class="muted">—</span>')
        phone = (f'<a class="link-quiet" href="tel:{escape(quote(c.phone, safe="+"))}">{escape(c.phone)}</a>'
                 if c.phone else '<span class="muted">—</span>')
        owner = (f'<span class="assignees"><span class="avatar avatar-sm">{escape(c.owner.initials)}</span>'
                 f'{escape(c.owner.display_name)}</span>' if c.owner else '<span class="muted">—</span>')
        action = (f'<td class="col-actions"><a class="icon-btn icon-add" href="{self.new_task_url}?customer={c.pk}'
                  f'&amp;source=customer_list" title="{w["new_task"]}" aria-label="'
                  f'{escape(self.new_task_for % {"name": c.name})}">+</a></td>') if self.tasks_on else ""
        return (
            f'<tr><td class="col-check"><input type="checkbox" name="customer_ids" value="{c.pk}" form="batch-form" '
            f'data-row-check aria-label="{escape(self.choose % {"name": c.name})}"></td>'
            f'<td class="col-title" data-label="{w["name"]}"><a class="task-title" href="{self.customers_url}{c.pk}/">'
            f'{name}</a> <span class="type-label">{escape(str(c.kind_label))}</span></td>'
            f'<td class="col-email" data-label="{w["email"]}">{email}</td>'
            f'<td class="col-phone" data-label="{w["phone"]}">{phone}</td>'
            f'<td data-label="{w["stage"]}"><span class="tag stage-{escape(c.stage)}">'
            f'{escape(str(c.stage_label))}</span></td><td data-label="{w["owner"]}">{owner}</td>{action}</tr>'
        )

    def rows(self, rows: list[CustomerRow]) -> SafeString:
        return mark_safe("\n".join(self.row(c) for c in rows))  # noqa: S308 - every value escaped above
