"""C4, D8: every change of a customer's lifecycle stage leaves one row (who, from, to, when),
whichever way it is made (the service, the edit form; the API in followup/api/tests), and only a
real change does."""

import pytest
from django.urls import reverse

from followup.core.exceptions import FieldErrors
from followup.customers.models import StageChange
from followup.customers.services import customer_update


def changes(customer) -> list[tuple[str, str, str]]:
    return [(c.actor.username, c.old, c.new) for c in StageChange.objects.filter(customer=customer).order_by("id")]


def test_a_stage_change_through_the_service_is_recorded(world):
    customer = world.customer()
    customer_update(actor=world.bob, customer_id=customer.pk, stage="prospect")
    customer_update(actor=world.alice, customer_id=customer.pk, stage="customer")
    assert changes(customer) == [("bob", "lead", "prospect"), ("alice", "prospect", "customer")]
    assert StageChange.objects.get(new="prospect").organization == world.org


def test_the_edit_form_records_one_change(world, login):
    customer = world.customer("Old name")
    response = login(world.alice).post(reverse("customers:edit", args=[customer.pk]), {
        "kind": "person", "name": "New name", "stage": "prospect"})
    assert response.status_code == 302
    assert changes(customer) == [("alice", "lead", "prospect")]


@pytest.mark.parametrize("values", [{"name": "Renamed", "phone": "123"}, {"stage": "lead"}, {}])
def test_other_fields_or_the_same_stage_record_nothing(world, values):
    customer = world.customer()
    customer_update(actor=world.alice, customer_id=customer.pk, **values)
    assert not StageChange.objects.exists()


def test_a_refused_edit_records_nothing(world):
    customer = world.customer()
    with pytest.raises(FieldErrors):
        customer_update(actor=world.alice, customer_id=customer.pk, stage="prospect", email="not an address")
    customer.refresh_from_db()
    assert customer.stage == "lead" and not StageChange.objects.exists()


def test_deleting_the_customer_removes_its_changes(world):
    customer, other = world.customer(), world.customer("Other Co")
    for c in (customer, other):
        customer_update(actor=world.alice, customer_id=c.pk, stage="prospect")
    customer.delete()
    assert list(StageChange.objects.values_list("customer_id", flat=True)) == [other.pk]


def test_a_removed_actor_leaves_the_change_without_a_name(world):
    customer = world.customer()
    customer_update(actor=world.oscar, customer_id=customer.pk, stage="prospect")
    world.oscar.delete()
    change = StageChange.objects.get()
    assert change.actor is None and (change.old, change.new) == ("lead", "prospect")
