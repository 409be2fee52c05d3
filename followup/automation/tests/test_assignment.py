"""B2: who automatic tasks go to, and when they are due."""

import datetime as dt
import multiprocessing
import threading

import pytest
from django.db import connection, connections, transaction

from followup.accounts.teams import team_create, team_delete
from followup.automation.assignment import assign
from followup.automation.due import due_after
from followup.automation.models import AssignTo, StageRule
from followup.tasks.services import task_complete


def spec(**fields):
    return StageRule(**fields)


def customers(n, owner=None):
    return [(1000 + i, owner) for i in range(n)]


def test_fixed_person(world):
    pairs = assign(spec(assign_to=AssignTo.FIXED, assign_user=world.bob), organization_id=world.org.pk,
                   customers=customers(2))
    assert [u for _c, u in pairs] == [world.bob.pk, world.bob.pk]


def test_a_fixed_person_of_another_organization_leaves_the_task_unassigned(world):
    pairs = assign(spec(assign_to=AssignTo.FIXED, assign_user=world.mallory), organization_id=world.org.pk,
                   customers=customers(1))
    assert pairs == [(1000, None)]


def test_customer_owner_and_an_inactive_owner(world):
    world.bob.is_active = False
    world.bob.save()
    pairs = assign(spec(assign_to=AssignTo.CUSTOMER_OWNER), organization_id=world.org.pk,
                   customers=[(1, world.alice.pk), (2, world.bob.pk), (3, None)])
    assert pairs == [(1, world.alice.pk), (2, None), (3, None)]


def test_round_robin_takes_turns_across_calls(world):
    rr = spec(assign_to=AssignTo.ROUND_ROBIN, assign_department=world.sales)
    first = assign(rr, organization_id=world.org.pk, customers=customers(3))
    second = assign(rr, organization_id=world.org.pk, customers=customers(1))
    assert [u for _c, u in first + second] == [world.alice.pk, world.bob.pk, world.alice.pk, world.bob.pk]


def test_round_robin_skips_a_deactivated_member(world):
    world.bob.is_active = False
    world.bob.save()
    pairs = assign(spec(assign_to=AssignTo.ROUND_ROBIN, assign_department=world.sales),
                   organization_id=world.org.pk, customers=customers(3))
    assert {u for _c, u in pairs} == {world.alice.pk}


def test_least_loaded_picks_the_member_with_fewest_pending_tasks(world):
    for _ in range(3):
        world.task(assignees=[world.alice])
    world.task(assignees=[world.bob])
    pairs = assign(spec(assign_to=AssignTo.LEAST_LOADED, assign_department=world.sales),
                   organization_id=world.org.pk, customers=customers(3))
    # Bob has 1, Alice 3: Bob gets two (to 3), then the tie goes in turn.
    assert [u for _c, u in pairs][:2] == [world.bob.pk, world.bob.pk]


def test_an_empty_department_leaves_tasks_unassigned(world):
    from followup.accounts.services import department_create

    empty = department_create(organization=world.org, name="Nobody")
    pairs = assign(spec(assign_to=AssignTo.ROUND_ROBIN, assign_department=empty), organization_id=world.org.pk,
                   customers=customers(2))
    assert [u for _c, u in pairs] == [None, None]


def test_a_deleted_department_leaves_tasks_unassigned(world):
    """Not to the people who have no department: the rule names none any more (SET_NULL)."""
    pairs = assign(spec(assign_to=AssignTo.ROUND_ROBIN, assign_department=None), organization_id=world.org.pk,
                   customers=customers(2))
    assert [u for _c, u in pairs] == [None, None]


def team(world, *people, name="Inbound"):
    return team_create(actor=world.adam, name=name, member_ids=[p.pk for p in people])


def test_round_robin_over_a_team_takes_turns_across_calls(world):
    """B2: Carol (no department) and Alice (Sales) share the team's work, in turn by id."""
    rr = spec(assign_to=AssignTo.TEAM_ROUND_ROBIN, assign_team=team(world, world.carol, world.alice))
    first = assign(rr, organization_id=world.org.pk, customers=customers(3))
    second = assign(rr, organization_id=world.org.pk, customers=customers(1))
    assert [u for _c, u in first + second] == [world.alice.pk, world.carol.pk, world.alice.pk, world.carol.pk]


def test_a_team_and_a_department_keep_turns_of_their_own(world):
    """The team's cursor is "team:<id>", apart from the department's: Alice and Bob are in both."""
    by_department = spec(assign_to=AssignTo.ROUND_ROBIN, assign_department=world.sales)
    by_team = spec(assign_to=AssignTo.TEAM_ROUND_ROBIN, assign_team=team(world, world.alice, world.bob))
    assign(by_department, organization_id=world.org.pk, customers=customers(1))  # Alice
    pairs = assign(by_team, organization_id=world.org.pk, customers=customers(1))
    assert pairs == [(1000, world.alice.pk)]


def test_team_round_robin_skips_a_deactivated_member(world):
    rr = spec(assign_to=AssignTo.TEAM_ROUND_ROBIN, assign_team=team(world, world.alice, world.bob, world.carol))
    world.bob.is_active = False
    world.bob.save()
    pairs = assign(rr, organization_id=world.org.pk, customers=customers(4))
    assert [u for _c, u in pairs] == [world.alice.pk, world.carol.pk, world.alice.pk, world.carol.pk]


def test_least_loaded_over_a_team_picks_the_fewest_pending_then_takes_turns(world):
    """B2: Alice has 2 pending tasks, Bob and Carol 1 each (Carol's done one does not count):
    Bob and Carol first, the tie between them in turn, then Alice."""
    for _ in range(2):
        world.task(assignees=[world.alice])
    world.task(assignees=[world.bob])
    world.task(assignees=[world.carol])
    task_complete(actor=world.carol, task_id=world.task(actor=world.carol, assignees=[world.carol]).pk)
    ll = spec(assign_to=AssignTo.TEAM_LEAST_LOADED, assign_team=team(world, world.alice, world.bob, world.carol))

    pairs = assign(ll, organization_id=world.org.pk, customers=customers(3))

    assert [u for _c, u in pairs] == [world.bob.pk, world.carol.pk, world.alice.pk]


def test_least_loaded_over_a_team_breaks_a_tie_by_the_turn_of_the_last_call(world):
    ll = spec(assign_to=AssignTo.TEAM_LEAST_LOADED, assign_team=team(world, world.alice, world.bob, world.carol))
    picks = [assign(ll, organization_id=world.org.pk, customers=customers(1))[0][1] for _ in range(3)]
    assert picks == [world.alice.pk, world.bob.pk, world.carol.pk]  # nobody has a task: in turn


def test_a_deleted_or_empty_team_leaves_tasks_unassigned(world):
    empty = spec(assign_to=AssignTo.TEAM_ROUND_ROBIN, assign_team=team(world, name="Nobody"))
    rule = StageRule.objects.create(organization=world.org, author=world.adam, stage="prospect", name="R", title="x",
                                    assign_to=AssignTo.TEAM_LEAST_LOADED, assign_team=team(world, world.alice))
    team_delete(actor=world.adam, team_id=rule.assign_team_id)
    rule.refresh_from_db()

    for s in (empty, rule):
        assert [u for _c, u in assign(s, organization_id=world.org.pk, customers=customers(2))] == [None, None]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_round_robin_over_1000_tasks_from_two_workers_at_once_is_fair(django_db_blocker):
    from conftest import Builders

    world = Builders()
    for name in ("carl", "dora", "erin"):
        world.user(name, department=world.sales)
    rr = spec(assign_to=AssignTo.ROUND_ROBIN, assign_department=world.sales)
    counts: dict[int, int] = {}
    lock = threading.Lock()
    start = threading.Barrier(2)

    def worker():
        try:
            start.wait()
            for _ in range(50):
                with transaction.atomic():  # one batch of 10 tasks a transaction, as a rule's run
                    pairs = assign(rr, organization_id=world.org.pk, customers=customers(10))
                with lock:
                    for _c, user in pairs:
                        counts[user] = counts.get(user, 0) + 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)

    assert sum(counts.values()) == 1000 and len(counts) == 5
    assert max(counts.values()) - min(counts.values()) <= 1


def _assign_in_a_process(pool: dict, organization_id: int, start, results) -> None:
    """A forked worker: its own database session (the parent's socket is left alone), 50 runs
    of 10 tasks, each in its transaction, the picks sent back to the parent."""
    for alias in connections:
        connections[alias].connection = None  # reconnect; closing would end the parent's session
    rr = spec(**pool)
    start.wait()
    picks = []
    for _ in range(50):
        with transaction.atomic():
            picks += [user for _c, user in assign(rr, organization_id=organization_id, customers=customers(10))]
    connection.close()
    results.put(picks)


def _department_of_five(world) -> tuple[dict, set[int]]:
    """Sales: Alice, Bob and three more."""
    people = [world.alice, world.bob] + [world.user(name, department=world.sales) for name in ("carl", "dora", "erin")]
    return {"assign_to": AssignTo.ROUND_ROBIN, "assign_department_id": world.sales.pk}, {p.pk for p in people}


def _team_of_five(world) -> tuple[dict, set[int]]:
    """A team across departments (Alice of Sales, Carol of none, three without one) and Bob,
    deactivated after he joined: five take turns, Bob none."""
    people = [world.alice, world.carol] + [world.user(name) for name in ("carl", "dora", "erin")]
    inbound = team(world, world.bob, *people)
    world.bob.is_active = False
    world.bob.save()
    return {"assign_to": AssignTo.TEAM_ROUND_ROBIN, "assign_team_id": inbound.pk}, {p.pk for p in people}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("pool_of_five", [_department_of_five, _team_of_five], ids=["department", "team"])
def test_round_robin_over_1000_tasks_from_two_processes_at_once_is_fair(pool_of_five):
    """B2: two operating-system processes (two workers) share one department's or team's turns
    through the cursor row in the database: 1,000 tasks, counts differing by one at most."""
    from conftest import Builders

    world = Builders()
    pool, members = pool_of_five(world)
    fork = multiprocessing.get_context("fork")
    start, results = fork.Barrier(2), fork.Queue()
    workers = [fork.Process(target=_assign_in_a_process, args=(pool, world.org.pk, start, results))
               for _ in range(2)]
    for w in workers:
        w.start()
    picks = results.get(timeout=120) + results.get(timeout=120)
    for w in workers:
        w.join(30)

    counts = {user: picks.count(user) for user in set(picks)}
    assert len(picks) == 1000 and set(counts) == members
    assert max(counts.values()) - min(counts.values()) <= 1
    assert all(w.exitcode == 0 for w in workers)


def test_due_in_working_days_skips_the_weekend():
    friday_noon = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
    assert due_after(now=friday_noon, time_zone="UTC", days=1, skip_weekends=True) == (dt.date(2026, 12, 7), None)
    assert due_after(now=friday_noon, time_zone="UTC", days=1) == (dt.date(2026, 12, 5), None)


def test_due_in_hours_has_a_time_and_moves_off_the_weekend():
    friday_evening = dt.datetime(2026, 12, 4, 20, 0, tzinfo=dt.UTC)
    day, at = due_after(now=friday_evening, time_zone="Europe/Warsaw", hours=6, skip_weekends=True)
    assert day == dt.date(2026, 12, 7) and at == dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)
