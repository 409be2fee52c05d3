"""L3: applying a template makes its tasks in one step, for a customer, a deal or a project.

Each line becomes one task through ``task_create`` (so history, notifications and visibility
are those of a task made by hand), owned by the person who applied the template, with the
template as its origin (``Source.TEMPLATE``), due ``delay_days`` after today in that person's
time zone (working days only when the template skips weekends), given to whoever the line's
assignment rule picks (B2: for a project, "the customer's owner" is the project's owner).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.automation.assignment import assign
from followup.automation.due import due_after
from followup.core.exceptions import FieldErrors
from followup.customers.access import customer_get
from followup.deals.access import deal_get, deals_visible_to
from followup.projects.access import ensure_can_edit, project_get
from followup.tasks.models import Source, Task, TaskType
from followup.tasks.services import task_create
from followup.tasks.validation import TaskLinks
from followup.tasktemplates.access import template_for_use
from followup.tasktemplates.models import TaskTemplate, TemplateItem

TARGETS = ("customer_id", "deal_id", "project_id")


@dataclass(frozen=True)
class Target:
    """What the tasks are for: their customer (none for a project), links, and the owner that
    "the customer's owner" means there."""

    customer_id: int | None
    owner_id: int | None
    links: TaskLinks


def _target(actor: User, given: dict) -> Target:
    chosen = {k: v for k, v in given.items() if k in TARGETS and v not in (None, "")}
    if len(chosen) != 1:
        raise FieldErrors.single("target", _("Choose one customer, deal or project to apply the template to."))
    (kind, pk), = chosen.items()
    if kind == "customer_id":
        customer = customer_get(actor=actor, customer_id=pk)
        return Target(customer.pk, customer.owner_id, TaskLinks())
    if kind == "deal_id":
        return deal_target(deal_get(actor=actor, deal_id=pk,
                                    queryset=deals_visible_to(actor).select_related("customer")))
    project = project_get(actor=actor, project_id=pk)
    ensure_can_edit(actor, project)
    return Target(None, project.owner_id, TaskLinks(project_id=project.pk))


def _line_task(actor: User, template: TaskTemplate, item: TemplateItem, target: Target, now,
               active_types: set[int]) -> Task:
    (_key, assignee), = assign(item, organization_id=actor.organization_id, customers=[(0, target.owner_id)])
    due_date, _due_at = due_after(now=now, time_zone=actor.time_zone, days=item.delay_days,
                                  skip_weekends=template.skip_weekends)
    return task_create(
        actor=actor, title=item.title, customer_id=target.customer_id, assignee_ids=[assignee] if assignee else [],
        due_date=due_date, priority=item.priority, description=item.description,
        type_id=item.task_type_id if item.task_type_id in active_types else None,  # L6: a retired type is left out
        source=Source.TEMPLATE, origin_id=template.pk, require_customer=target.customer_id is not None,
        links=target.links,
    )


def template_apply(*, actor: User, template_id, customer_id=None, deal_id=None, project_id=None,
                   now=None) -> list[Task]:
    """Make the template's tasks for exactly one of a customer, a deal or a project the actor
    may see (a project: may change). All or nothing: one bad line makes none. ``now``: when it
    is applied (the delays count from that day; default: now)."""
    template = template_for_use(actor=actor, template_id=template_id)
    target = _target(actor, {"customer_id": customer_id, "deal_id": deal_id, "project_id": project_id})
    return template_apply_to(actor=actor, template=template, target=target, now=now)


def template_apply_to(*, actor: User, template: TaskTemplate, target: Target, now=None) -> list[Task]:
    now = now or timezone.now()
    active_types = set(TaskType.objects.filter(organization_id=template.organization_id, is_active=True)
                       .values_list("pk", flat=True))
    with transaction.atomic():
        return [_line_task(actor, template, item, target, now, active_types) for item in template.items.all()]


def deal_target(deal) -> Target:
    """L4: a closed deal as the target of its process's post-sale template."""
    return Target(deal.customer_id, deal.customer.owner_id, TaskLinks(deal_id=deal.pk))
