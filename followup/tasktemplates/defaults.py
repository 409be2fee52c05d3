"""L1: every new organization starts with the post-sale template Livespace proposes (seed 004:
"the sales process does not end with signing the contract" — thank, onboard, check in, then
cross- and up-sell), applied when a deal of its default sales process is won."""

from django.utils.translation import gettext_lazy as _

from followup.accounts.models import Organization
from followup.automation.models import AssignTo
from followup.deals.models import SalesProcess
from followup.tasks.models import Priority, TaskType
from followup.tasktemplates.models import PostSale, TaskTemplate, TemplateItem

POST_SALE_NAME = _("Post-sale care")
POST_SALE_ITEMS = [
    # (type icon, title, delay in days, priority, description)
    ("phone", _("Thank the customer for the order"), 1, Priority.HIGH,
     _("Call to thank them and confirm the next steps of the delivery.")),
    ("mail", _("Send the onboarding materials"), 2, Priority.MEDIUM,
     _("Who to contact, how to start, where to find help.")),
    ("meeting", _("Check how the customer is doing"), 30, Priority.MEDIUM,
     _("Ask what works and what does not; note any problem as a task.")),
    ("offer", _("Propose a cross-sell or up-sell"), 90, Priority.MEDIUM,
     _("Offer what complements what they bought.")),
]


def post_sale_defaults_create(*, organization: Organization) -> None:
    """Connected to ``accounts.events.organization_created`` after the task types and the sales
    process are made (their apps come first in ``INSTALLED_APPS``)."""
    types = dict(TaskType.objects.filter(organization=organization).values_list("icon", "pk"))
    template = TaskTemplate.objects.create(organization=organization, name=str(POST_SALE_NAME), skip_weekends=True)
    TemplateItem.objects.bulk_create([
        TemplateItem(template=template, position=n, task_type_id=types.get(icon), title=str(title),
                     delay_days=delay, priority=priority, description=str(description),
                     assign_to=AssignTo.CUSTOMER_OWNER)
        for n, (icon, title, delay, priority, description) in enumerate(POST_SALE_ITEMS)
    ])
    process = SalesProcess.objects.filter(organization=organization).order_by("id").first()
    if process is not None:
        PostSale.objects.create(process=process, won_template=template)
