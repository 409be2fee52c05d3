"""Deal endpoints: filters, edit, stage rules with the field named, won / lost / reopen, the
change record, 404 for another organization, constant queries."""

import pytest

from followup.deals.processes import sales_process_add
from followup.deals.services import deal_create, deal_mark_won
from followup.deals.tests.test_services import sid


def new_deal(world, title="Renewal", **kwargs):
    return deal_create(actor=world.alice, customer_id=kwargs.pop("customer_id", None) or world.customer().pk,
                       title=title, **kwargs)


def test_create_starts_in_the_default_process(world, api):
    r = api(world.alice).post("deals", {"customer_id": world.customer().pk, "title": "Renewal", "amount": "10"})
    assert r.status_code == 201
    body = r.json()
    assert (body["stage"]["name"], body["status"], body["owner"]["username"]) == ("Qualification", "open", "alice")
    assert body["process"]["stages"][:2] == [{"id": sid(world, "Qualification"), "name": "Qualification"},
                                             {"id": sid(world, "Needs analysis"), "name": "Needs analysis"}]
    assert body["stage"]["id"] == body["process"]["stages"][0]["id"]


def test_create_with_a_stage_of_another_process_names_stage(world, api):
    process = sales_process_add(actor=world.adam, name="Partners", stages=["Intro", "Pilot"])
    r = api(world.alice).post("deals", {"customer_id": world.customer().pk, "title": "x",
                                        "process_id": process.pk, "stage_id": sid(world, "Proposal")})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["stage_id"]


def test_create_with_unknown_field_is_422(world, api):
    r = api(world.alice).post("deals", {"customer_id": world.customer().pk, "title": "x", "status": "won"})
    assert r.status_code == 422 and "status" in r.json()["errors"]


def test_list_filters_by_status_and_customer(world, api):
    customer = world.customer("Zebra")
    new_deal(world, "Zebra open", customer_id=customer.pk)
    deal_mark_won(actor=world.alice, deal_id=new_deal(world, "Zebra won", customer_id=customer.pk).pk)
    new_deal(world, "Other")
    alice = api(world.alice)
    assert [d["title"] for d in alice.get("deals", status="won").json()["items"]] == ["Zebra won"]
    assert {d["title"] for d in alice.get("deals", customer=customer.pk).json()["items"]} == {"Zebra open",
                                                                                             "Zebra won"}
    assert alice.get("deals", status="maybe").status_code == 422


def test_patch_changes_fields_and_stage(world, api):
    deal = new_deal(world)
    r = api(world.alice).patch(f"deals/{deal.pk}", {"title": "Renewal 2027", "stage_id": sid(world, "Proposal"),
                                                    "owner_id": world.bob.pk, "amount": "12.5"})
    assert r.status_code == 200
    body = r.json()
    assert (body["title"], body["stage"]["name"], body["owner"]["username"], body["amount"]) == (
        "Renewal 2027", "Proposal", "bob", "12.50")


def test_patch_bad_stage_is_422_and_changes_nothing(world, api):
    deal = new_deal(world)
    sales_process_add(actor=world.adam, name="Partners", stages=["Intro", "Pilot"])
    r = api(world.alice).patch(f"deals/{deal.pk}", {"title": "New", "stage_id": sid(world, "Pilot")})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["stage_id"]
    assert api(world.alice).get(f"deals/{deal.pk}").json()["title"] == "Renewal"


def test_stage_won_reopen_lost_and_changes(world, api):
    deal = new_deal(world)
    bob = api(world.bob)
    moved = bob.post(f"deals/{deal.pk}/stage", {"stage_id": sid(world, "Negotiation")}).json()
    assert moved["stage"] == {"id": sid(world, "Negotiation"), "name": "Negotiation"}
    assert bob.post(f"deals/{deal.pk}/won").json()["status"] == "won"
    assert bob.post(f"deals/{deal.pk}/won").status_code == 422
    assert bob.post(f"deals/{deal.pk}/stage", {"stage_id": sid(world, "Proposal")}).status_code == 422
    assert bob.post(f"deals/{deal.pk}/reopen").json()["status"] == "open"
    assert bob.post(f"deals/{deal.pk}/lost").json()["status"] == "lost"
    changes = bob.get(f"deals/{deal.pk}/changes").json()
    assert [(c["action"], c["old"], c["new"]) for c in changes] == [
        ("lost", "open", "lost"), ("reopened", "won", "open"), ("won", "open", "won"),
        ("stage", "Qualification", "Negotiation"), ("created", "", "Qualification")]
    assert changes[0]["actor"]["username"] == "bob"


def test_stage_is_required(world, api):
    r = api(world.alice).post(f"deals/{new_deal(world).pk}/stage", {})
    assert r.status_code == 422 and "stage_id" in r.json()["errors"]


def test_another_organizations_deal_is_404_everywhere(world, api):
    deal = new_deal(world)
    mallory = api(world.mallory)
    assert mallory.get(f"deals/{deal.pk}").status_code == 404
    assert mallory.get(f"deals/{deal.pk}/changes").status_code == 404
    assert mallory.patch(f"deals/{deal.pk}", {"title": "x"}).status_code == 404
    for action in ("won", "lost", "reopen"):
        assert mallory.post(f"deals/{deal.pk}/{action}").status_code == 404
    assert mallory.post(f"deals/{deal.pk}/stage", {"stage_id": sid(world, "Proposal")}).status_code == 404
    assert mallory.get("deals").json()["items"] == []


@pytest.mark.parametrize("n", [10, 50])
def test_list_runs_constant_queries(world, api, django_assert_max_num_queries, n):
    customer = world.customer()
    for i in range(n + 1):
        new_deal(world, f"D{i}", customer_id=customer.pk, owner_id=world.bob.pk if i % 2 else world.alice.pk)
    alice = api(world.alice)
    assert alice.get("me").status_code == 200
    # token (user, organization), deals with customer, owner, process and stage, the processes' stages
    with django_assert_max_num_queries(3):
        r = alice.get("deals", size=n, customer=customer.pk)
    assert len(r.json()["items"]) == n and r.json()["has_next"]


@pytest.mark.parametrize("n", [10, 50])
def test_changes_endpoint_runs_constant_queries(world, api, django_assert_max_num_queries, n):
    from followup.deals.services import deal_reopen

    deal = new_deal(world)
    for _ in range(n // 2):
        deal_mark_won(actor=world.alice, deal_id=deal.pk)
        deal_reopen(actor=world.alice, deal_id=deal.pk)
    client = api(world.alice)
    client.get("me")
    # token (user, organization), the deal with its customer, owner and process, the changes with their actors
    with django_assert_max_num_queries(3):
        r = client.get(f"deals/{deal.pk}/changes")
    assert len(r.json()) == n + 1
