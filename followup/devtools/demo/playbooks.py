"""The demo's task templates (L3, L4): besides the default "Post-sale care" that every
organization starts with (applied to the deals the team wins), the administrator's
"Onboarding a new customer", already applied to one open deal so its three tasks show."""

from django.utils import timezone

from followup.accounts.models import User
from followup.automation.models import AssignTo
from followup.deals.models import Deal, DealStatus
from followup.tasks.models import Priority, TaskType
from followup.tasktemplates.apply import template_apply
from followup.tasktemplates.services import template_create

ONBOARDING = "Onboarding a new customer"


def task_templates(org, users: list[User]) -> None:
    admin = next(u for u in users if u.username == "admin")
    types = dict(TaskType.objects.filter(organization=org).values_list("icon", "pk"))
    template = template_create(actor=admin, name=ONBOARDING, skip_weekends=True, items=[
        {"title": "Welcome call", "task_type_id": types.get("phone"), "delay_days": 1, "priority": Priority.HIGH,
         "assign_to": AssignTo.CUSTOMER_OWNER},
        {"title": "Kick-off meeting", "task_type_id": types.get("meeting"), "delay_days": 5,
         "assign_to": AssignTo.CUSTOMER_OWNER},
        {"title": "First check-in", "task_type_id": types.get("mail"), "delay_days": 20,
         "assign_to": AssignTo.CUSTOMER_OWNER},
    ])
    deal = Deal.objects.filter(organization=org, status=DealStatus.OPEN).select_related("owner").order_by("id").first()
    if deal is not None and deal.owner is not None:
        template_apply(actor=deal.owner, template_id=template.pk, deal_id=deal.pk, now=timezone.now())
