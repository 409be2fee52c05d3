"""L7 on the calendar (L9): colleagues who share appear in the switcher; at free/busy their
tasks are "Busy" blocks with nothing of the task in the answer, at read-only the tasks themselves."""

import datetime as dt

import pytest

from followup.calendars.access import people_to_choose
from followup.sharing.models import Level

from .conftest import SECRET_CUSTOMER, SECRET_DESCRIPTION, SECRET_TITLE

pytestmark = pytest.mark.django_db


def _events(api, user, *people):
    start = dt.date.today()
    query = "&".join(f"person={p.pk}" for p in people)
    return api(user).get(f"calendar/events?start={start}&end={start + dt.timedelta(days=7)}&{query}")


def test_a_colleague_who_shares_nothing_cannot_be_shown(api, world, secret):
    assert _events(api, world.alice, world.alice, world.bob).status_code == 404
    assert people_to_choose(world.alice) == [world.alice]


def test_free_busy_is_a_busy_block_and_says_nothing_else(api, world, secret, share):
    alice = share(Level.BUSY)
    assert people_to_choose(alice) == [alice, world.bob]
    answer = _events(api, alice, alice, world.bob)
    assert answer.status_code == 200
    [busy] = answer.json()["events"]
    assert (busy["task_id"], busy["title"], busy["url"], busy["editable"]) == (0, "Busy", "", False)
    for word in (SECRET_TITLE, SECRET_CUSTOMER, SECRET_DESCRIPTION, f"/tasks/{secret.pk}/"):
        assert word.encode() not in answer.content


@pytest.mark.parametrize("level", [Level.READ, Level.FULL])
def test_read_only_and_full_show_the_task_itself_once(api, world, secret, share, level):
    alice = share(level)
    [event] = _events(api, alice, alice, world.bob).json()["events"]
    assert (event["task_id"], event["title"]) == (secret.pk, SECRET_TITLE)
    assert event["editable"] is (level == Level.FULL)
