"""The Settings navigation: groups of pages, each a URL name and a label.

Features above the apps add their pages with ``settings_page`` from their ``AppConfig.ready()``
(the automation app: templates, rules and forms go in the ``automation`` group, which shows
once it has a page), so this module never imports them::

    from followup.setup.nav import settings_page
    settings_page("automation", "automation:rules", gettext_lazy("Automation rules"))
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass
class Page:
    url_name: str
    label: str | Promise


@dataclass
class Group:
    key: str
    label: str | Promise
    pages: list[Page] = field(default_factory=list)


GROUPS = [
    Group("organization", _("Organization"), [
        Page("setup:general", _("General")),
        Page("setup:people", _("People")),
        Page("setup:departments", _("Departments")),
        Page("setup:teams", _("Teams")),
    ]),
    Group("tasks", _("Tasks"), [
        Page("setup:task_types", _("Task types")),
        Page("setup:task_statuses", _("Task statuses")),
    ]),
    # L3, D8, D9: task templates, automation rules and forms (the automation app adds them).
    Group("automation", _("Automation")),
    Group("sales", _("Sales"), [
        Page("setup:processes", _("Sales processes")),
    ]),
]


def settings_page(group: str, url_name: str, label: str | Promise) -> None:
    """Add a page to a group of the Settings navigation (once, however often ``ready()`` runs)."""
    target = next(g for g in GROUPS if g.key == group)
    if all(p.url_name != url_name for p in target.pages):
        target.pages.append(Page(url_name, label))


def navigation(current: str) -> list[dict]:
    """The groups that have pages, each page with its address and whether it is the current one."""
    return [
        {"label": g.label, "pages": [{"label": p.label, "url": reverse(p.url_name), "active": p.url_name == current}
                                     for p in g.pages]}
        for g in GROUPS if g.pages
    ]
