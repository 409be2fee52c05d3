"""The demo's date automation (A1, A6): a birthday trigger that has already made this week's
birthday calls, and an escalation of phone calls overdue by two days, both set up by the
administrator, so a newcomer sees their tasks and notifications on first login."""

import datetime as dt

from django.utils import timezone

from followup.accounts.models import Role, User
from followup.automation.models import AssignTo
from followup.customers.models import Customer, CustomerKind
from followup.customers.services import customer_update
from followup.datetriggers.firing import trigger_create_passed, trigger_run_scheduled
from followup.datetriggers.services import trigger_save
from followup.escalations.firing import escalations_run
from followup.escalations.services import escalation_create
from followup.tasks.models import TaskType


def date_automation(users: list[User], customers: list[Customer]) -> None:
    admin = next(u for u in users if u.role == Role.ADMIN)
    people = [c for c in customers if c.kind == CustomerKind.PERSON and c.owner_id]
    today = timezone.now().date()
    for days, customer in zip((0, 2, 5), people[:3], strict=False):  # birthdays this week, for the demo
        birthday = (today + dt.timedelta(days=days)).replace(year=1980)  # a leap year: 29 February fits too
        customer_update(actor=customer.owner, customer_id=customer.pk, birthday=birthday)
    trigger = trigger_save(actor=admin, name="Birthday call", field="birthday", days_before=2,
                             title="Birthday call: {customer}", assign_to=AssignTo.CUSTOMER_OWNER,
                             description="Wish them a happy birthday and ask how the contract is going.")
    trigger_create_passed(trigger)
    trigger_run_scheduled(trigger)
    phone = TaskType.objects.filter(organization_id=admin.organization_id, name__icontains="phone").first()
    escalation_create(actor=admin, overdue_hours=48, task_type_id=phone.pk if phone else None)
    escalations_run()
