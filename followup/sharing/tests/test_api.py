"""L7: /api/v1/sharing, and its free/busy view."""

import datetime as dt
import json

import pytest

from followup.sharing.models import Grant

pytestmark = pytest.mark.django_db


def _put(api, user, grantee, body, **headers):
    return api(user).client.put(f"/api/v1/sharing/{grantee.pk}", json.dumps(body), content_type="application/json",
                                headers={**api(user).headers, **headers})


def test_set_read_and_stop_sharing(api, world, types):
    body = {"level": "read_only", "per_type": {str(types["Project"].pk): "full"}}
    answer = _put(api, world.bob, world.alice, body)
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"user": {"id": world.alice.pk, "username": "alice", "name": "Alice Archer"},
                             "level": "read_only", "per_type": {str(types["Project"].pk): "full"}}
    assert _put(api, world.bob, world.alice, body, **{"Idempotency-Key": "k1"}).status_code == 200
    assert Grant.objects.count() == 2
    mine = api(world.alice).get("sharing").json()
    assert mine["given"] == [] and mine["received"][0]["user"]["id"] == world.bob.pk
    assert api(world.bob).delete(f"sharing/{world.alice.pk}").status_code == 204
    assert not Grant.objects.exists()


def test_bad_input_names_the_field(api, world, types):
    assert _put(api, world.bob, world.alice, {"level": "everything"}).status_code == 422
    answer = _put(api, world.bob, world.mallory, {"level": "full"})
    assert answer.status_code == 422 and "grantee" in answer.json()["errors"]
    other = world.other_org.task_types.first()
    answer = _put(api, world.bob, world.alice, {"level": "full", "per_type": {str(other.pk): "full"}})
    assert answer.status_code == 422 and "per_type" in answer.json()["errors"]
    answer = api(world.alice).get("sharing/freebusy", user_ids="x", start="2026-01-01T00:00", end="2026-01-02T00:00")
    assert answer.status_code == 422
    answer = api(world.alice).get("sharing/freebusy", user_ids=world.bob.pk, start="2026-01-02T00:00",
                                  end="2026-01-01T00:00")
    assert answer.status_code == 422 and "end" in answer.json()["errors"]


def test_free_busy_says_when_and_counts_its_queries(api, world, secret, share, django_assert_num_queries):
    share(1)
    client = api(world.alice)
    start = dt.date.today().isoformat() + "T00:00"
    end = (dt.date.today() + dt.timedelta(days=3)).isoformat() + "T00:00"
    client.get("sharing")  # the token's first use is recorded once
    # token + user, the tasks, their assignees, the grants
    with django_assert_num_queries(4):
        answer = client.get("sharing/freebusy", user_ids=f"{world.bob.pk},{world.carol.pk}", start=start, end=end)
    [slot] = answer.json()["slots"]
    assert slot["user_id"] == world.bob.pk
    assert dt.datetime.fromisoformat(slot["end"]) - dt.datetime.fromisoformat(slot["start"]) == dt.timedelta(hours=1)
    with django_assert_num_queries(3):  # token + user, what I give, what I receive
        client.get("sharing")
