"""L7: the one visibility rule, with grants: what each level lets a colleague see and do."""

import datetime as dt

import pytest

from followup.chat.models import Message
from followup.chat.services import message_post
from followup.core.exceptions import FieldErrors, NotAllowed, NotFound
from followup.sharing.models import Grant, Level
from followup.sharing.selectors import busy_slots, shares_given, shares_to_me
from followup.sharing.services import share_remove, share_set
from followup.tasks.access import can_delete, can_edit, task_get, tasks_visible_to
from followup.tasks.services import note_add, task_complete, task_delete, task_reassign, task_update

pytestmark = pytest.mark.django_db


def _window():
    now = dt.datetime.now(dt.UTC)
    return now - dt.timedelta(days=2), now + dt.timedelta(days=5)


def _sees(user, task) -> bool:
    return tasks_visible_to(user).filter(pk=task.pk).exists()


@pytest.mark.parametrize("level, sees, edits", [
    (Level.NONE, False, False), (Level.BUSY, False, False), (Level.READ, True, False), (Level.FULL, True, True),
])
def test_each_level_sees_and_edits_as_promised(world, secret, share, level, sees, edits):
    alice = share(level)
    assert _sees(alice, secret) is sees
    assert can_edit(alice, secret) is edits
    assert can_delete(alice, secret) is False
    if not sees:
        with pytest.raises(NotFound):
            task_get(actor=alice, task_id=secret.pk)


@pytest.mark.parametrize("level, busy", [(Level.NONE, 0), (Level.BUSY, 1), (Level.READ, 1), (Level.FULL, 1)])
def test_busy_slots_show_from_free_busy_up_and_say_only_when(world, secret, share, level, busy):
    alice = share(level)
    slots = busy_slots(alice, [world.bob.pk], *_window())
    assert len(slots) == busy
    if busy:
        assert slots[0].person_id == world.bob.pk
        assert slots[0].end - slots[0].start == dt.timedelta(minutes=60)
        assert set(vars(slots[0])) == {"person_id", "start", "end"}


def test_read_only_cannot_change_or_comment(world, secret, share):
    alice = share(Level.READ)
    with pytest.raises(NotAllowed):
        task_update(actor=alice, task_id=secret.pk, title="Changed")
    with pytest.raises(NotAllowed):
        task_complete(actor=alice, task_id=secret.pk)
    with pytest.raises(NotAllowed):
        note_add(actor=alice, task_id=secret.pk, body="Hello")
    with pytest.raises(NotAllowed):
        message_post(actor=alice, kind="task", object_id=secret.pk, body="Hello")
    assert not Message.objects.filter(object_id=secret.pk).exists()


def test_full_access_and_the_owner_both_talk_in_the_chat(world, secret, share):
    alice = share(Level.FULL)
    message_post(actor=alice, kind="task", object_id=secret.pk, body="Prep done")
    message_post(actor=world.bob, kind="task", object_id=secret.pk, body="Thanks")
    assert Message.objects.filter(object_id=secret.pk).count() == 2


def test_full_access_edits_and_completes_but_neither_deletes_nor_takes_it_away(world, secret, share):
    alice = share(Level.FULL)
    task_update(actor=alice, task_id=secret.pk, title="Renamed by Alice")
    note_add(actor=alice, task_id=secret.pk, body="Done the prep")
    with pytest.raises(NotAllowed):
        task_reassign(actor=alice, task_id=secret.pk, assignee_ids=[alice.pk])
    with pytest.raises(NotAllowed):
        task_update(actor=alice, task_id=secret.pk, assignee_ids=[world.alice.pk])
    with pytest.raises(NotAllowed):
        task_delete(actor=alice, task_id=secret.pk)
    task_complete(actor=alice, task_id=secret.pk)
    task_reassign(actor=alice, task_id=secret.pk, assignee_ids=[world.bob.pk, alice.pk])


def test_per_type_levels_override_the_all_types_one(world, share, types):
    """Seed 004: projects full, meetings read-only, the rest not shared."""
    project, meeting, call = (world.task(f"{name} task", actor=world.bob, assignees=[world.bob],
                                         type_id=types[name].pk) for name in ("Project", "Meeting", "Phone call"))
    untyped = world.task("No type", actor=world.bob, assignees=[world.bob])
    alice = share(Level.NONE, {types["Project"].pk: Level.FULL, types["Meeting"].pk: Level.READ})
    assert [_sees(alice, t) for t in (project, meeting, call, untyped)] == [True, True, False, False]
    assert [can_edit(alice, t) for t in (project, meeting)] == [True, False]
    alice = share(Level.READ, {types["Phone call"].pk: Level.NONE})
    assert [_sees(alice, t) for t in (project, meeting, call, untyped)] == [True, True, False, True]


def test_a_grantor_who_is_only_an_assignee_shares_the_task_too(world, share):
    task = world.task("Oscar's task for Bob", actor=world.oscar, assignees=[world.bob])
    alice = share(Level.READ)
    assert _sees(alice, task)
    alice = share(Level.NONE)
    assert not _sees(alice, task) and not alice.receives_shares


def test_sharing_is_between_colleagues_only(world):
    with pytest.raises(FieldErrors) as refused:
        share_set(actor=world.bob, grantee_id=world.mallory.pk, level=Level.READ)
    assert "grantee" in refused.value.errors
    with pytest.raises(FieldErrors):
        share_set(actor=world.bob, grantee_id=world.bob.pk, level=Level.READ)
    with pytest.raises(FieldErrors) as bad_level:
        share_set(actor=world.bob, grantee_id=world.alice.pk, level="everything")
    assert "level" in bad_level.value.errors
    other_type = world.other_org.task_types.first()
    with pytest.raises(FieldErrors) as bad_type:
        share_set(actor=world.bob, grantee_id=world.alice.pk, level=Level.READ, per_type={other_type.pk: 3})
    assert "per_type" in bad_type.value.errors


def test_setting_again_replaces_and_repeats_safely(world, share, types):
    share(Level.READ, {types["Project"].pk: Level.FULL})
    share(Level.READ, {types["Project"].pk: Level.FULL})
    assert Grant.objects.filter(grantor=world.bob).count() == 2
    [given] = shares_given(world.bob)
    assert (given.person, given.level, given.per_type) == (world.alice, Level.READ, {types["Project"].pk: Level.FULL})
    assert [s.person for s in shares_to_me(world.alice)] == [world.bob]
    share_remove(actor=world.bob, grantee_id=world.alice.pk)
    assert not Grant.objects.exists()


def test_lists_of_people_nobody_shares_with_pay_nothing(world, secret, django_assert_num_queries):
    from followup.tasks.selectors import TaskView, task_list

    alice = world.alice
    alice.refresh_from_db()
    with django_assert_num_queries(2):  # the tasks, their assignees: as before sharing
        task_list(actor=alice, view=TaskView.ALL_PENDING)


def test_a_grantee_list_reads_the_grants_once_more(world, secret, share, django_assert_num_queries):
    from followup.tasks.selectors import TaskView, task_list

    alice = share(Level.READ)
    assert alice.organization.tasks_enabled  # loaded with the user in a request
    with django_assert_num_queries(3):  # the grants, the tasks, their assignees
        page = task_list(actor=alice, view=TaskView.ALL_PENDING)
    assert [t.title for t in page.items] == [secret.title]


def test_a_changed_grant_makes_the_grantee_resync_from_zero(world, share):
    """A2: sharing moves visibility wholesale, so the grantee's sync cursor answers 410."""
    from followup.sync.models import Epoch

    def epoch():
        return Epoch.objects.filter(user=world.alice).values_list("epoch", flat=True).first() or 0

    share(Level.READ)
    first = epoch()
    share(Level.READ)
    assert epoch() == first  # the same sharing again changes nothing
    share(Level.NONE)
    assert epoch() == first + 1
