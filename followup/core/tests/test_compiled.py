"""Issue 16 §1: a count, rows or model instances compiled once bind each call's own values, and
refuse a shape they cannot bind."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Q

from followup.core.compiled import CompiledCount, CompiledModels
from followup.tasks.models import HistoryEntry, Task, TaskAssignment
from followup.tasks.selectors import pending_count
from followup.tasks.services import note_add

pytestmark = pytest.mark.django_db


def test_a_compiled_count_counts_what_the_queryset_would_for_each_value(world, django_assert_num_queries):
    world.tasks(3)
    world.task("Bob's", actor=world.bob)
    done = world.task("Done", actor=world.bob)
    TaskAssignment.objects.filter(task=done).update(is_pending=False)
    counted = CompiledCount(lambda user_id: TaskAssignment.objects.filter(user_id=user_id, is_pending=True), "user_id")
    for person in (world.alice, world.bob, world.carol, world.alice):
        expected = TaskAssignment.objects.filter(user_id=person.pk, is_pending=True).count()
        with django_assert_num_queries(1):
            assert counted.count(user_id=person.pk) == expected
    assert [pending_count(p) for p in (world.alice, world.bob, world.carol)] == [3, 1, 0]


def test_two_parameters_bind_in_their_own_places(world):
    world.tasks(2)
    world.task("Other", actor=world.bob)
    counted = CompiledCount(
        lambda org_id, owner_id: Task.objects.filter(Q(organization_id=org_id) & Q(owner_id=owner_id)),
        "org_id", "owner_id")
    assert counted.count(org_id=world.org.pk, owner_id=world.alice.pk) == 2
    assert counted.count(owner_id=world.bob.pk, org_id=world.org.pk) == 1
    assert counted.count(org_id=world.other_org.pk, owner_id=world.alice.pk) == 0
    with pytest.raises(TypeError):
        counted.count(org_id=world.org.pk)


def test_a_parameter_the_sql_holds_twice_binds_both_places_and_one_it_lacks_is_refused(world):
    world.task("Alice's")
    co_owned = world.task("Bob's, co-owned by alice", actor=world.bob)
    Task.objects.filter(pk=co_owned.pk).update(co_owner=world.alice)
    world.task("Bob's", actor=world.bob)
    twice = CompiledCount(lambda pk: Task.objects.filter(Q(owner_id=pk) | Q(co_owner_id=pk)), "pk")
    for person in (world.alice, world.bob, world.carol):
        assert twice.count(pk=person.pk) == Task.objects.filter(Q(owner=person) | Q(co_owner=person)).count()
    assert twice.count(pk=world.alice.pk) == 2
    missing = CompiledCount(lambda pk: Task.objects.filter(title="x"), "pk")
    with pytest.raises(ImproperlyConfigured):
        missing.count(pk=world.alice.pk)


def _fields(obj, names):
    return {name: getattr(obj, name) for name in names}


def test_compiled_models_are_the_querysets_instances_with_their_joined_rows(world, django_assert_num_queries):
    """Every field as the ORM converts it (dates, times, booleans, JSON), the rows ``select_related``
    joins in (a missing one is ``None``), the annotations, in the queryset's order, for each value."""
    task = world.task("Ring back", due_date=dt.date(2026, 3, 2))
    world.task("Bob's", actor=world.bob, require_customer=False)  # no customer: its joined row is None
    note_add(actor=world.alice, task_id=task.pk, body="Said: call on Monday")
    note_add(actor=world.bob, task_id=task.pk, body="Called")

    def build(task_id):
        return (Task.objects.filter(pk=task_id).select_related("customer", "type", "status")
                .annotate(notes_n=Count("notes")).order_by("id"))

    compiled = CompiledModels(build, "task_id")
    for wanted in (task, Task.objects.get(title="Bob's")):
        expected = list(build(wanted.pk))
        with django_assert_num_queries(1):
            found = compiled.models(task_id=wanted.pk)
        assert [type(t) for t in found] == [Task]
        names = [f.attname for f in Task._meta.concrete_fields]
        assert [_fields(t, names) for t in found] == [_fields(t, names) for t in expected]
        assert [t.notes_n for t in found] == [t.notes_n for t in expected]
        assert found[0].customer == expected[0].customer and found[0].status.name == expected[0].status.name
        assert found[0].type == expected[0].type
        assert found[0].customer_id is None or found[0].customer.pk == found[0].customer_id
        assert not found[0]._state.adding and found[0]._state.db == "default"
    assert found[0].customer is None and isinstance(found[0].due_date, dt.date)
    assert isinstance(found[0].is_pending, bool)
    history = CompiledModels(lambda task_id: HistoryEntry.objects.filter(task_id=task_id).select_related("actor")
                             .order_by("-created_at", "-id"), "task_id").models(task_id=task.pk)
    assert [(e.actor, e.changes) for e in history] == [
        (e.actor, e.changes) for e in HistoryEntry.objects.filter(task_id=task.pk).order_by("-created_at", "-id")]


def test_compiled_models_refuse_what_they_cannot_read(world):
    with pytest.raises(ImproperlyConfigured):
        CompiledModels(lambda pk: Task.objects.filter(pk=pk).prefetch_related("assignees"), "pk").models(pk=1)
    with pytest.raises(ImproperlyConfigured):
        CompiledModels(lambda pk: Task.objects.filter(pk=pk).values("title"), "pk").models(pk=1)
