"""J3, J4, D2, L7: the visibility rule has two forms in ``tasks.access``: ``visibility_q``, the SQL
every list, search and fetch uses, and ``sees_loaded_task``, which the task page tests on the
people it loads anyway (issue 16 §1). They must agree for every reader and every kind of task."""

import pytest

from followup.core.exceptions import NotFound
from followup.sharing.models import Level
from followup.sharing.services import share_set
from followup.tasks.access import tasks_visible_to
from followup.tasks.models import Task, TaskType
from followup.tasks.page_selectors import task_detail
from followup.tasks.validation import TaskLinks


def _page_sees(reader, task) -> bool:
    try:
        task_detail(actor=reader, task_id=task.pk)
    except NotFound:
        return False
    return True


@pytest.fixture
def tasks(world):
    meeting = TaskType.objects.get(organization=world.org, name="Meeting")
    bob = world.bob
    made = {
        "bob's own": world.task("Own", actor=bob, assignees=[bob]),
        "unassigned": world.task("Nobody's", actor=bob, assignees=[]),
        "assigned to alice": world.task("Alice's", actor=bob, assignees=[world.alice]),
        "a team's": world.task("Team", actor=bob, assignees=[bob, world.carol]),
        "alice subscribed": world.task("Followed", actor=bob, assignees=[bob],
                                       links=TaskLinks(subscriber_ids=[world.alice.pk])),
        "bob's meeting": world.task("Meeting", actor=bob, assignees=[bob], type_id=meeting.pk),
        "carol's, bob assigned": world.task("Carol's", actor=world.carol, assignees=[bob]),
    }
    co_owned = world.task("Co-owned", actor=bob, assignees=[bob])
    Task.objects.filter(pk=co_owned.pk).update(co_owner=world.alice)
    made["alice co-owner"] = co_owned
    return made, meeting


@pytest.fixture
def readers(world, tasks):
    _made, meeting = tasks
    shared = {}
    for name, level, per_type in [
        ("read, all types", Level.READ, None), ("full, all types", Level.FULL, None),
        ("free/busy", Level.BUSY, None), ("read meetings only", Level.NONE, {meeting.pk: Level.READ}),
        ("all but meetings", Level.READ, {meeting.pk: Level.BUSY}),
    ]:
        grantee = world.user(name.replace(" ", "").replace(",", "").replace("/", ""))
        share_set(actor=world.bob, grantee_id=grantee.pk, level=level, per_type=per_type)
        grantee.refresh_from_db()
        shared[f"bob shares {name}"] = grantee
    return {"alice": world.alice, "bob": world.bob, "carol (manager)": world.carol, "oscar (operator)": world.oscar,
            "adam (administrator)": world.adam, "mallory (other organization)": world.mallory, **shared}


def test_the_page_and_the_lists_see_the_same_tasks(tasks, readers):
    made, _meeting = tasks
    differ = [
        (reader_name, task_name)
        for reader_name, reader in readers.items()
        for task_name, task in made.items()
        if _page_sees(reader, task) != tasks_visible_to(reader).filter(pk=task.pk).exists()
    ]
    assert not differ
    # The matrix is not trivial: each form says yes and no.
    seen = {(r, t) for r, reader in readers.items() for t, task in made.items() if _page_sees(reader, task)}
    assert ("alice", "assigned to alice") in seen and ("alice", "bob's own") not in seen
    assert ("bob shares read meetings only", "bob's meeting") in seen
    assert ("bob shares read meetings only", "bob's own") not in seen
    assert ("bob shares all but meetings", "bob's meeting") not in seen
    assert not any(r == "mallory (other organization)" for r, _t in seen)
