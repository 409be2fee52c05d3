"""Deal services: create in the default process, edit, stage rules, won / lost / reopen, and the
change record the customer's history reads."""

from decimal import Decimal

import pytest

from followup.core.exceptions import FieldErrors, NotFound
from followup.deals.models import DealAction, DealChange, DealStatus, SalesProcess
from followup.deals.services import (
    deal_create,
    deal_mark_lost,
    deal_mark_won,
    deal_reopen,
    deal_set_stage,
    deal_update,
)


def new_deal(world, **kwargs):
    kwargs.setdefault("customer_id", world.customer().pk)
    return deal_create(actor=world.alice, title="Renewal", amount="1500", **kwargs)


def other_process(world, name="Partners", stages=("Intro", "Pilot", "Contract")):
    return SalesProcess.objects.create(organization=world.org, name=name, stages=list(stages))


def changes(deal):
    return list(DealChange.objects.filter(deal=deal).order_by("id").values_list("action", "old", "new", "actor"))


def test_new_organization_has_a_sales_process_with_stages(world):
    process = SalesProcess.objects.get(organization=world.org)
    assert process.stages[:2] == ["Qualification", "Needs analysis"]


def test_new_deal_starts_at_the_first_stage_owned_by_its_creator(world):
    deal = new_deal(world)
    assert (deal.process.name, deal.stage, deal.status, deal.owner) == ("Sales", "Qualification", "open", world.alice)
    assert deal.amount == Decimal("1500.00")
    assert changes(deal) == [("created", "", "Qualification", world.alice.pk)]


def test_first_deal_is_in_euro_and_the_next_in_the_latest_deals_currency(world):
    assert new_deal(world).currency == "EUR"
    new_deal(world, currency="pln")
    assert new_deal(world).currency == "PLN"


def test_unknown_currency_is_refused_by_name(world):
    with pytest.raises(FieldErrors) as exc:
        new_deal(world, currency="Euro")
    assert list(exc.value.errors) == ["currency"]
    assert "EUR, PLN, USD" in exc.value.errors["currency"][0]


def test_edit_with_a_blank_currency_keeps_it(world):
    deal = new_deal(world, currency="USD")
    assert deal_update(actor=world.alice, deal_id=deal.pk, title="Renewal 2", currency="").currency == "USD"
    assert deal_update(actor=world.alice, deal_id=deal.pk, currency="gbp").currency == "GBP"


def test_new_deal_in_a_chosen_process_and_stage(world):
    process = other_process(world)
    deal = new_deal(world, process_id=process.pk, stage="Pilot", owner_id=world.bob.pk)
    assert (deal.process, deal.stage, deal.owner) == (process, "Pilot", world.bob)


def test_new_deal_stage_of_another_process_is_named(world):
    with pytest.raises(FieldErrors) as exc:
        new_deal(world, process_id=other_process(world).pk, stage="Qualification")
    assert list(exc.value.errors) == ["stage"]
    assert "Intro, Pilot, Contract" in exc.value.errors["stage"][0]


def test_new_deal_names_every_bad_field(world):
    foreign = world.customer(organization=world.other_org)
    foreign_process = SalesProcess.objects.get(organization=world.other_org)
    with pytest.raises(FieldErrors) as exc:
        deal_create(actor=world.alice, customer_id=foreign.pk, title=" ", amount="-1",
                    process_id=foreign_process.pk, owner_id=world.mallory.pk)
    assert set(exc.value.errors) == {"customer_id", "title", "amount", "process_id", "owner_id"}


def test_stage_without_process_is_refused(world):
    with pytest.raises(FieldErrors) as exc:
        new_deal(world, process_id=None, stage="Pilot")
    assert "Choose a sales process" in exc.value.errors["stage"][0]


def test_set_stage_records_who_from_and_to(world):
    deal = new_deal(world)
    deal_set_stage(actor=world.bob, deal_id=deal.pk, stage="Proposal")
    deal.refresh_from_db()
    assert deal.stage == "Proposal"
    assert changes(deal)[-1] == ("stage", "Qualification", "Proposal", world.bob.pk)


def test_set_stage_must_belong_to_the_deals_process(world):
    deal = new_deal(world)
    with pytest.raises(FieldErrors) as exc:
        deal_set_stage(actor=world.alice, deal_id=deal.pk, stage="Pilot")
    assert "Choose one of the stages of “Sales”" in exc.value.errors["stage"][0]
    deal.refresh_from_db()
    assert deal.stage == "Qualification" and len(changes(deal)) == 1


def test_set_the_same_stage_records_nothing(world):
    deal = new_deal(world)
    deal_set_stage(actor=world.alice, deal_id=deal.pk, stage="Qualification")
    assert len(changes(deal)) == 1


def test_won_lost_reopen_are_recorded(world):
    deal = new_deal(world)
    deal_mark_won(actor=world.alice, deal_id=deal.pk)
    deal_reopen(actor=world.bob, deal_id=deal.pk)
    deal = deal_mark_lost(actor=world.carol, deal_id=deal.pk)
    assert deal.status == DealStatus.LOST
    assert changes(deal)[1:] == [("won", "open", "won", world.alice.pk), ("reopened", "won", "open", world.bob.pk),
                                 ("lost", "open", "lost", world.carol.pk)]


@pytest.mark.parametrize("first,second", [(deal_mark_won, deal_mark_won), (deal_mark_won, deal_mark_lost),
                                          (deal_mark_lost, deal_mark_won)])
def test_a_closed_deal_must_be_reopened_first(world, first, second):
    deal = new_deal(world)
    first(actor=world.alice, deal_id=deal.pk)
    with pytest.raises(FieldErrors) as exc:
        second(actor=world.alice, deal_id=deal.pk)
    assert "reopen it first" in exc.value.errors["status"][0]


def test_reopening_an_open_deal_is_refused(world):
    with pytest.raises(FieldErrors) as exc:
        deal_reopen(actor=world.alice, deal_id=new_deal(world).pk)
    assert exc.value.errors == {"status": ["The deal is already open."]}


def test_a_closed_deal_keeps_its_stage(world):
    deal = new_deal(world)
    deal_mark_won(actor=world.alice, deal_id=deal.pk)
    with pytest.raises(FieldErrors) as exc:
        deal_set_stage(actor=world.alice, deal_id=deal.pk, stage="Proposal")
    assert "reopen it" in exc.value.errors["stage"][0]


def test_update_fields(world):
    deal = new_deal(world)
    deal = deal_update(actor=world.bob, deal_id=deal.pk, title="Renewal 2027", amount="99.5", owner_id=world.bob.pk)
    assert (deal.title, deal.amount, deal.owner) == ("Renewal 2027", Decimal("99.50"), world.bob)
    assert len(changes(deal)) == 1


def test_update_to_another_process_starts_at_its_first_stage(world):
    deal = new_deal(world)
    process = other_process(world)
    deal = deal_update(actor=world.alice, deal_id=deal.pk, process_id=process.pk)
    assert (deal.process, deal.stage) == (process, "Intro")
    assert changes(deal)[-1] == ("stage", "Qualification", "Intro", world.alice.pk)


def test_update_stage_of_another_process_is_refused(world):
    deal = new_deal(world)
    with pytest.raises(FieldErrors) as exc:
        deal_update(actor=world.alice, deal_id=deal.pk, stage="Contract")
    assert list(exc.value.errors) == ["stage"]


def test_update_unknown_field_is_named(world):
    with pytest.raises(FieldErrors) as exc:
        deal_update(actor=world.alice, deal_id=new_deal(world).pk, status="won")
    assert exc.value.errors == {"status": ["Unknown field."]}


def test_update_bad_values_change_nothing(world):
    deal = new_deal(world)
    with pytest.raises(FieldErrors) as exc:
        deal_update(actor=world.alice, deal_id=deal.pk, title="", amount="lots", owner_id=world.mallory.pk)
    assert set(exc.value.errors) == {"title", "amount", "owner_id"}
    deal.refresh_from_db()
    assert deal.title == "Renewal"


@pytest.mark.parametrize("action", [
    lambda w, pk: deal_set_stage(actor=w.mallory, deal_id=pk, stage="Proposal"),
    lambda w, pk: deal_mark_won(actor=w.mallory, deal_id=pk),
    lambda w, pk: deal_update(actor=w.mallory, deal_id=pk, title="Mine"),
])
def test_another_organizations_deal_is_not_found(world, action):
    deal = new_deal(world)
    with pytest.raises(NotFound):
        action(world, deal.pk)
    assert DealChange.objects.filter(deal=deal).exclude(action=DealAction.CREATED).count() == 0
