"""A2 with L7: what a colleague shares reaches the phone; revoking it answers 410 and the rebuilt
copy holds it no longer; a free/busy share never sends a title, customer or description."""

import pytest

from followup.sharing.models import Level
from followup.sharing.services import share_remove, share_set
from followup.sync.models import Kind

pytestmark = pytest.mark.usefixtures("transactional_db")
SECRET = "Zanzibar renewal plan"


def test_a_read_only_share_reaches_the_copy_and_its_revocation_takes_it_away(world, phone):
    bobs = world.task(SECRET, actor=world.bob, assignees=[world.bob])
    alice = phone(world.alice).sync()
    assert bobs.pk not in alice.ids(Kind.TASK)

    share_set(actor=world.bob, grantee_id=world.alice.pk, level=Level.READ)
    assert alice.api.get("sync", cursor=alice.cursor).status_code == 410
    alice.sync()
    assert bobs.pk in alice.ids(Kind.TASK)

    share_remove(actor=world.bob, grantee_id=world.alice.pk)
    alice.sync()

    assert bobs.pk not in alice.ids(Kind.TASK)
    assert alice.resyncs == 2


def test_a_free_busy_share_never_sends_the_task(world, phone):
    world.task(SECRET, actor=world.bob, assignees=[world.bob], description="Offer them the hidden discount")
    share_set(actor=world.bob, grantee_id=world.alice.pk, level=Level.BUSY)
    alice = phone(world.alice)

    bodies = []
    while True:
        r = alice.api.get("sync", cursor=alice.cursor)
        bodies.append(r.content)
        alice.cursor = r.json()["cursor"]
        if not r.json()["has_more"]:
            break

    assert not any(SECRET.encode() in b or b"hidden discount" in b for b in bodies)
