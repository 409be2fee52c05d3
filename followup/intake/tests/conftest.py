import pytest

from followup.api.tests.conftest import api  # noqa: F401 - the API client per person
from followup.automation.models import AssignTo
from followup.automation.tests.conftest import rule  # noqa: F401 - the auto-flow rule builder
from followup.intake.models import Form

CONTACT_FIELDS = [{"field": "name", "label": "Your name", "required": True},
                  {"field": "email", "label": "E-mail", "required": True},
                  {"field": "phone", "label": "Phone", "required": False},
                  {"field": "company", "label": "Company", "required": False},
                  {"field": "notes", "label": "Message", "required": False}]


@pytest.fixture
def make_form(world):
    """A form of Adam (the administrator): ``make_form(**fields)``; by default "Contact us" at
    /f/contact-us, assigning its tasks to Alice."""
    def _form(**fields):
        fields.setdefault("name", "Contact us")
        fields.setdefault("slug", "contact-us")
        fields.setdefault("fields", CONTACT_FIELDS)
        fields.setdefault("assign_to", AssignTo.FIXED)
        fields.setdefault("assign_user", world.alice)
        return Form.objects.create(organization=world.org, author=world.adam, **fields)
    return _form


@pytest.fixture
def contact(make_form):
    return make_form(make_task=True, task_title="Reply to {customer}")
