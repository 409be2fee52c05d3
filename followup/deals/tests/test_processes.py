"""L4, D8: sales processes and their stages in Settings. A stage is named by its id, so a deal
stays at its stage when the stage is renamed or moved; deleting a stage moves its deals on first."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from followup.accounts.models import Organization
from followup.core.exceptions import FieldErrors, NotAllowed, NotFound
from followup.customers.models import Customer
from followup.deals.models import Deal, DealChange, SalesProcess, SalesStage
from followup.deals.processes import (
    sales_process_add,
    sales_process_delete,
    sales_process_rename,
    stage_add,
    stage_delete,
    stage_move,
    stage_rename,
)
from followup.deals.services import deal_create
from followup.deals.tests.test_services import sid


def new_deal(world):
    return deal_create(actor=world.alice, customer_id=world.customer().pk, title="Renewal")


def stage_names(process):
    return list(process.stages.values_list("name", flat=True))


def test_renaming_a_stage_keeps_its_deals_at_it(world):
    deal = new_deal(world)
    stage_rename(actor=world.adam, stage_id=deal.stage_id, name="Discovery")
    deal.refresh_from_db()
    assert deal.stage.name == "Discovery" and deal.stage_id == sid(world, "Discovery")


def test_moving_a_stage_changes_the_pipeline_not_the_deals(world):
    deal = new_deal(world)
    stage_move(actor=world.adam, stage_id=deal.stage_id, offset=2)
    assert stage_names(deal.process) == ["Needs analysis", "Proposal", "Qualification", "Negotiation"]
    deal.refresh_from_db()
    assert deal.stage.name == "Qualification"


def test_a_stage_with_deals_is_deleted_only_by_moving_them_on(world):
    deal = new_deal(world)
    with pytest.raises(FieldErrors) as exc:
        stage_delete(actor=world.adam, stage_id=deal.stage_id)
    assert "1 deal is at “Qualification”" in exc.value.errors["move_to_id"][0]
    assert stage_delete(actor=world.adam, stage_id=deal.stage_id, move_to_id=sid(world, "Proposal")) == 1
    deal.refresh_from_db()
    assert deal.stage.name == "Proposal"
    change = DealChange.objects.filter(deal=deal).latest("id")
    assert (change.action, change.old, change.new, change.actor) == ("stage", "Qualification", "Proposal", world.adam)


def test_a_stage_of_another_process_is_no_place_to_move_deals_to(world):
    deal = new_deal(world)
    sales_process_add(actor=world.adam, name="Partners", stages=["Intro"])
    with pytest.raises(FieldErrors):
        stage_delete(actor=world.adam, stage_id=deal.stage_id, move_to_id=sid(world, "Intro"))


def test_a_process_keeps_one_stage(world):
    process = sales_process_add(actor=world.adam, name="Partners", stages=["Intro"])
    with pytest.raises(FieldErrors) as exc:
        stage_delete(actor=world.adam, stage_id=sid(world, "Intro"))
    assert "at least one stage" in exc.value.errors["stage"][0]
    stage_add(actor=world.adam, process_id=process.pk, name="Pilot")
    stage_delete(actor=world.adam, stage_id=sid(world, "Intro"))
    assert stage_names(process) == ["Pilot"]


def test_a_new_process_names_every_bad_field(world):
    with pytest.raises(FieldErrors) as exc:
        sales_process_add(actor=world.adam, name="", stages=["A", "a", ""])
    assert set(exc.value.errors) == {"name", "stages"}
    with pytest.raises(FieldErrors) as exc:
        sales_process_add(actor=world.adam, name="Sales", stages=["A"])
    assert "already" in exc.value.errors["name"][0]


def test_a_process_with_deals_stays(world):
    deal = new_deal(world)
    with pytest.raises(FieldErrors):
        sales_process_delete(actor=world.adam, process_id=deal.process_id)
    other = sales_process_add(actor=world.adam, name="Partners", stages=["Intro", "Pilot"])
    sales_process_rename(actor=world.adam, process_id=other.pk, name="Resellers")
    sales_process_delete(actor=world.adam, process_id=other.pk)
    assert not SalesStage.objects.filter(process_id=other.pk).exists()


def test_processes_are_for_administrators_of_their_organization(world):
    theirs = SalesProcess.objects.get(organization=world.other_org)
    with pytest.raises(NotAllowed):
        stage_add(actor=world.carol, process_id=SalesProcess.objects.get(organization=world.org).pk, name="X")
    with pytest.raises(NotFound):
        stage_add(actor=world.adam, process_id=theirs.pk, name="X")
    with pytest.raises(NotFound):
        stage_rename(actor=world.adam, stage_id=theirs.stages.first().pk, name="Mine")


def test_the_process_page_renames_and_deletes_stages(world, login):
    deal = new_deal(world)
    adam = login(world.adam)
    url = reverse("setup:stage", args=[deal.stage_id])
    assert adam.post(url, {"action": "rename", "name": "Discovery"}).status_code == 302
    r = adam.post(url, {"action": "delete"})
    assert r.status_code == 422 and "choose another stage" in r.content.decode()
    r = adam.post(url, {"action": "delete", "move_to_id": sid(world, "Proposal")}, follow=True)
    assert "Stage “Discovery” deleted. 1 deal moved on." in r.content.decode()


@pytest.mark.parametrize("n", [1, 8])
def test_the_processes_page_runs_constant_queries(world, login, django_assert_max_num_queries, n):
    for i in range(n):
        sales_process_add(actor=world.adam, name=f"Process {i}", stages=["One", "Two", "Three"])
    adam = login(world.adam)
    adam.get(reverse("setup:processes"))
    # session, user + organization, header count, processes with deal counts, stages with deal counts
    with django_assert_max_num_queries(5):
        adam.get(reverse("setup:processes"))


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_stage_names_into_rows_and_keeps_every_deal_at_its_stage():
    executor = MigrationExecutor(connection)
    executor.migrate([("deals", "0005_deal_currency")])
    old = executor.loader.project_state([("deals", "0005_deal_currency")]).apps
    # Only the deals app goes back in time; the organization and customer are today's rows.
    org = Organization.objects.create(name="Old", slug="old-stages")
    customer = Customer.objects.create(organization=org, name="ACME")
    process = old.get_model("deals", "SalesProcess").objects.create(organization_id=org.pk, name="Legacy",
                                                                    stages=["Lead", "Offer", "Won"])
    Old = old.get_model("deals", "Deal")
    at_offer = Old.objects.create(organization_id=org.pk, customer_id=customer.pk, title="A", process_id=process.pk,
                                  stage="Offer")
    off_list = Old.objects.create(organization_id=org.pk, customer_id=customer.pk, title="B", process_id=process.pk,
                                  stage="Dropped")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert list(SalesStage.objects.filter(process_id=process.pk).values_list("name", "position")) == [
        ("Lead", 0), ("Offer", 1), ("Won", 2), ("Dropped", 3)]
    assert Deal.objects.get(pk=at_offer.pk).stage.name == "Offer"
    assert Deal.objects.get(pk=off_list.pk).stage.name == "Dropped"
    executor = MigrationExecutor(connection)
    executor.migrate([("deals", "0005_deal_currency")])  # and back: the names return
    old = executor.loader.project_state([("deals", "0005_deal_currency")]).apps
    assert old.get_model("deals", "SalesProcess").objects.get(pk=process.pk).stages == ["Lead", "Offer", "Won",
                                                                                       "Dropped"]
    assert old.get_model("deals", "Deal").objects.get(pk=at_offer.pk).stage == "Offer"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
