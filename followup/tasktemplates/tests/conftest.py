import pytest

from followup.automation.models import AssignTo
from followup.tasks.models import TaskType
from followup.tasktemplates.services import template_create


@pytest.fixture
def three_tasks(world):
    """Adam's template "Onboarding": a call after 1 day, an e-mail after 3, a meeting after 7."""
    def _make(**fields):
        types = dict(TaskType.objects.filter(organization=world.org).values_list("icon", "pk"))
        fields.setdefault("name", "Onboarding")
        fields.setdefault("items", [
            {"title": "Welcome call", "task_type_id": types["phone"], "delay_days": 1,
             "assign_to": AssignTo.CUSTOMER_OWNER},
            {"title": "Send the guide", "task_type_id": types["mail"], "delay_days": 3,
             "assign_to": AssignTo.FIXED, "assign_user_id": world.bob.pk},
            {"title": "Kick-off meeting", "task_type_id": types["meeting"], "delay_days": 7,
             "assign_to": AssignTo.UNASSIGNED},
        ])
        return template_create(actor=world.adam, **fields)
    return _make
