"""The demo's automation (issue 14): an auto-flow rule on customers, one on deals and a public
form whose replies go to the least-loaded member of the "Inbound" team (B2), made through
their services by the administrator at the end of the story, so that they act from now on
(the quarter's past stage changes stay as they were). The form's public address is printed
with the demo logins."""

from followup.accounts.models import Department, Organization, User
from followup.accounts.teams import team_create
from followup.automation.models import AssignTo
from followup.automation.rules import rule_create
from followup.customers.models import Stage
from followup.deals.models import SalesStage
from followup.intake.building import form_create
from followup.intake.models import Form
from followup.tasks.models import Priority, TaskType

FORM_SLUG = "demo-contact"


def automation(org: Organization, people: dict[str, User]) -> None:
    admin = people["admin"]
    sales = Department.objects.get(organization=org, name="Sales")
    phone_call = TaskType.objects.filter(organization=org).order_by("position", "id")[1:2].first()
    rule_create(actor=admin, name="Prospect → call within 2 days", stage=Stage.PROSPECT, title="Call {customer}",
                task_type_id=phone_call.pk if phone_call else None, priority=Priority.HIGH, due_in_days=2,
                skip_weekends=True, assign_to=AssignTo.ROUND_ROBIN, assign_department_id=sales.pk,
                description="Introduce yourself, ask what they need, agree on the next step.")
    proposal = SalesStage.objects.filter(process__organization=org).order_by("process_id", "position")[2:3].first()
    if proposal is not None:
        rule_create(actor=admin, name=f"{proposal.name} → follow up in 3 days", deal_stage_id=proposal.pk,
                    title="Follow up the offer to {customer}", due_in_days=3, skip_weekends=True,
                    assign_to=AssignTo.CUSTOMER_OWNER)
    form_create(actor=admin, name="Contact us", slug=FORM_SLUG, intro="Tell us what you need: we reply within a day.",
                fields=[{"field": "name", "label": "Your name", "required": True},
                        {"field": "email", "label": "E-mail", "required": True},
                        {"field": "phone", "label": "Phone"}, {"field": "company", "label": "Company"},
                        {"field": "notes", "label": "Message"}],
                thank_you="Thank you! We will be in touch within one working day.", stage=Stage.LEAD,
                make_task=True, task_title="Reply to {customer}", due_in_days=1,
                assign_to=AssignTo.TEAM_LEAST_LOADED, assign_team_id=_inbound(admin, people).pk)


def _inbound(admin: User, people: dict[str, User]):
    """A team across departments: two salespeople and a service agent answer the website."""
    members = [people[name].pk for name in ("anna", "james", "olivia")]
    return team_create(actor=admin, name="Inbound", member_ids=members)


def form_url(base_url: str) -> str | None:
    """The demo form's public page, when the demo has it."""
    if not Form.objects.filter(slug=FORM_SLUG, organization__slug="demo").exists():
        return None
    return f"{base_url.rstrip('/')}/f/{FORM_SLUG}"
