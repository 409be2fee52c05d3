"""Issue 16 §1: a count compiled once binds each call's own values, and refuses a shape it
cannot bind."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from followup.core.compiled import CompiledCount
from followup.tasks.models import Task, TaskAssignment
from followup.tasks.selectors import pending_count

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


def test_a_parameter_the_sql_holds_twice_is_refused_when_compiled(world):
    twice = CompiledCount(lambda pk: Task.objects.filter(Q(owner_id=pk) | Q(co_owner_id=pk)), "pk")
    with pytest.raises(ImproperlyConfigured):
        twice.count(pk=world.alice.pk)
