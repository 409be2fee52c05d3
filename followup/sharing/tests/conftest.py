"""Sharing's people: bob shares his tasks with alice; neither is a participant of the other's tasks."""

import datetime as dt

import pytest

from followup.sharing.models import Level
from followup.sharing.services import share_set
from followup.tasks.models import TaskType

SECRET_TITLE = "Zanzibar renewal plan"
SECRET_CUSTOMER = "Quetzal Holdings"
SECRET_DESCRIPTION = "Offer them the hidden discount"


@pytest.fixture
def types(world):
    return {t.name: t for t in TaskType.objects.filter(organization=world.org)}


@pytest.fixture
def secret(world, types):
    """Bob's own timed meeting with a customer, assigned to bob only."""
    customer = world.customer(SECRET_CUSTOMER)
    return world.task(SECRET_TITLE, actor=world.bob, customer=customer, assignees=[world.bob],
                      due_date=dt.date.today() + dt.timedelta(days=1), due_time=dt.time(10, 0),
                      duration_minutes=60, type_id=types["Meeting"].pk, description=SECRET_DESCRIPTION)


@pytest.fixture
def share(world):
    """``share(level, per_type={...})``: bob shares with alice; alice is reloaded (her flag)."""
    def _share(level, per_type=None, *, grantor=None, grantee=None):
        grantor, grantee = grantor or world.bob, grantee or world.alice
        share_set(actor=grantor, grantee_id=grantee.pk, level=level, per_type=per_type)
        grantee.refresh_from_db()
        return grantee
    return _share


LEVELS = [Level.NONE, Level.BUSY, Level.READ, Level.FULL]


@pytest.fixture
def api(client):
    """A bearer-token API client per person (the API tests' own client)."""
    from followup.accounts.services import api_token_create
    from followup.api.tests.conftest import Api

    tokens = {}

    def _api(user):
        if user.pk not in tokens:
            tokens[user.pk] = api_token_create(user=user, name="tests")[1]
        return Api(client, tokens[user.pk])

    return _api
