import pytest

from followup.automation.models import AssignTo, StageRule
from followup.customers.models import Stage


@pytest.fixture
def rule(world):
    """An auto-flow rule of Adam (the administrator): ``rule(stage=..., **fields)``."""
    def _rule(stage=Stage.PROSPECT, **fields):
        fields.setdefault("name", "Prospect → call within 2 days")
        fields.setdefault("title", "Call {customer}")
        fields.setdefault("due_in_days", 2)
        fields.setdefault("assign_to", AssignTo.CUSTOMER_OWNER)
        return StageRule.objects.create(organization=world.org, author=world.adam, stage=stage, **fields)
    return _rule
