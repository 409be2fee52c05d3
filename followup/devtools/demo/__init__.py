"""Demo data (issue 9 item 8, issue 13 §1.16): "Demo Company", a team's last quarter in Followup.

Everything is written through the services (``organization_create``, ``user_create``,
``customer_create``, ``task_create``, ``task_complete``, ``note_add``, ``deal_create``...), so
the demo keeps every invariant the services keep: ``Task.is_pending``, ``assignee_count``,
the copies on ``TaskAssignment``, ``version`` and the history. The team set Followup up about
four months ago; customers came in since, and tasks, deals, memos and their notifications
happened on working days over the quarter, each at its own moment (``demo.story``). A fixed
random seed makes the data the same on every machine; only the dates move with today.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from followup.accounts.models import Organization, User
from followup.accounts.services import organization_create
from followup.devtools.demo.automation import automation, form_url
from followup.devtools.demo.dates import date_automation
from followup.devtools.demo.people import DEMO_PASSWORD, PEOPLE, customers, people
from followup.devtools.demo.playbooks import task_templates
from followup.devtools.demo.recurring import recurring
from followup.devtools.demo.sales import collaboration, deals
from followup.devtools.demo.story import Story, clock_at
from followup.devtools.demo.work import reading, tasks

__all__ = ["DEMO_NAME", "DEMO_PASSWORD", "DEMO_SLUG", "DemoResult", "demo_create", "demo_exists", "login_lines"]

DEMO_SLUG = "demo"
DEMO_NAME = "Demo Company"
SET_UP_DAYS_AGO = 115  # the quarter the demo shows, and a fortnight of setting up before it


@dataclass
class DemoResult:
    organization: Organization
    created: bool


def demo_exists() -> bool:
    return Organization.objects.filter(slug=DEMO_SLUG).exists()


def demo_logins() -> list[User]:
    """The demo people in display order (the ``demo`` manager first)."""
    order = {username: i for i, (username, *_rest) in enumerate(PEOPLE)}
    users = User.objects.filter(organization__slug=DEMO_SLUG).select_related("department")
    return sorted(users, key=lambda u: order.get(u.username, len(order)))


def login_lines(base_url: str | None = None) -> list[str]:
    """What the ``demo`` command prints: where to log in and as whom."""
    base_url = base_url or settings.BASE_URL
    lines = [f"Log in at {base_url} as demo / {DEMO_PASSWORD} (company manager), or as any of these"
             f" with the same password {DEMO_PASSWORD}:"]
    for user in demo_logins():
        department = user.department.name if user.department else "-"
        head = ", head of department" if user.headed_departments.exists() else ""
        lines.append(f"  {user.username:<8} {user.display_name:<20} {user.get_role_display()}{head}"
                     f" ({department}, {user.time_zone})")
    if url := form_url(base_url):
        lines.append(f"The demo's public form (D9; no login): {url}")
    return lines


def demo_create(*, seed: int = 9) -> DemoResult:
    """Create the demo organization unless it exists already (idempotent)."""
    existing = Organization.objects.filter(slug=DEMO_SLUG).first()
    if existing is not None:
        return DemoResult(existing, created=False)
    story = Story(now=timezone.now(), rng=random.Random(seed))
    set_up = story.at_work(story.now.date() - dt.timedelta(days=SET_UP_DAYS_AGO), "Europe/London")
    with transaction.atomic():
        with clock_at(set_up):
            org = organization_create(name=DEMO_NAME, slug=DEMO_SLUG)
            users = people(org)
        made = customers(story, users, since=set_up)
        tasks(story, org, users, made)
        collaboration(story, {u.username: u for u in users}, made, deals(story, org, users, made))
        reading(story, users, since=set_up)
        story.run()
        task_templates(org, users)
        recurring(story.now.date(), users, made)
        date_automation(users, made)
        automation(org, {u.username: u for u in users})
    return DemoResult(org, created=True)
