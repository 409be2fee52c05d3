"""The API client of the API tests, and an E-mail task of Alice's to complete (L2)."""

import pytest

from followup.api.tests.conftest import api  # noqa: F401
from followup.tasks.models import TaskType


@pytest.fixture
def types(world):
    """The organization's default types by icon: ``types["mail"]``, ``types["phone"]``."""
    return {t.icon: t for t in TaskType.objects.filter(organization=world.org)}


@pytest.fixture
def email_task(world, types):
    """``email_task(title=..., actor=...)``: a pending E-mail task for a customer named ACME Corp."""
    def _task(title="Send the offer", **kwargs):
        return world.task(title, type_id=types["mail"].pk, **kwargs)
    return _task
