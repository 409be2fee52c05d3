"""Customer endpoints: list, search, create, read, edit (a stage change is recorded), and a
customer's tasks."""

from followup.customers.models import Customer, StageChange
from followup.tasks.services import task_complete


def names(r):
    assert r.status_code == 200, r.content
    return [c["name"] for c in r.json()["items"]]


def test_list_is_by_name(world, api):
    world.customer("Zeta")
    world.customer("Alpha")
    assert names(api(world.alice).get("customers")) == ["Alpha", "Zeta"]


def test_list_shows_only_my_organization(world, api):
    world.customer("Ours")
    world.customer("Theirs", organization=world.other_org)
    assert names(api(world.alice).get("customers")) == ["Ours"]


def test_search_by_email(world, api):
    world.customer("Anna", email="anna@zebra.example")
    world.customer("Ben", email="ben@example.com")
    assert names(api(world.alice).get("customers", q="zebra")) == ["Anna"]


def test_list_pages(world, api):
    for i in range(3):
        world.customer(f"C{i}")
    body = api(world.alice).get("customers", size=2).json()
    assert body["has_next"] is True and "page=2" in body["next"]


def test_create_answers_201_and_owner_defaults_to_me(world, api):
    r = api(world.alice).post("customers", {"name": "Nowak Sp. z o.o.", "kind": "company", "email": "biuro@nowak.pl"})
    assert r.status_code == 201
    body = r.json()
    assert body["kind"] == "company" and body["owner"]["username"] == "alice" and body["stage"] == "lead"
    assert Customer.objects.get(pk=body["id"]).organization == world.org


def test_create_with_bad_email_names_the_field(world, api):
    r = api(world.alice).post("customers", {"name": "X", "email": "not-an-address"})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["email"]
    assert not Customer.objects.filter(name="X").exists()


def test_create_with_owner_of_other_organization_is_refused(world, api):
    r = api(world.alice).post("customers", {"name": "X", "owner_id": world.mallory.id})
    assert r.status_code == 422 and "owner_id" in r.json()["errors"]


def test_create_with_company_of_other_organization_is_refused(world, api):
    theirs = world.customer("Globex Inc", organization=world.other_org, kind="company")
    r = api(world.alice).post("customers", {"name": "X", "company_id": theirs.id})
    assert r.status_code == 422 and "company_id" in r.json()["errors"]


def test_detail(world, api):
    customer = world.customer("Anna", phone="+48 600 100 200")
    body = api(world.alice).get(f"customers/{customer.id}").json()
    assert body["name"] == "Anna" and body["phone"] == "+48 600 100 200"


def test_patch_changes_only_what_is_sent(world, api):
    customer = world.customer("Anna", phone="123")
    r = api(world.alice).patch(f"customers/{customer.id}", {"stage": "customer"})
    assert r.status_code == 200
    customer.refresh_from_db()
    assert customer.stage == "customer" and customer.phone == "123" and customer.name == "Anna"


def test_patch_of_the_stage_records_one_change_and_of_other_fields_none(world, api):
    customer = world.customer("Anna")
    bob = api(world.bob)
    assert bob.patch(f"customers/{customer.id}", {"stage": "churned"}).status_code == 200
    assert bob.patch(f"customers/{customer.id}", {"phone": "123", "stage": "churned"}).status_code == 200
    assert list(StageChange.objects.values_list("customer_id", "actor__username", "old", "new")) == [
        (customer.id, "bob", "lead", "churned")]


def test_patch_with_null_name_is_refused(world, api):
    customer = world.customer("Anna")
    r = api(world.alice).patch(f"customers/{customer.id}", {"name": None})
    assert r.status_code == 422 and "name" in r.json()["errors"]


def test_customer_tasks_lists_pending_first(world, api):
    customer = world.customer("Anna")
    done = world.task("Done", customer=customer)
    world.task("Open", customer=customer)
    world.task("Elsewhere")
    task_complete(actor=world.alice, task_id=done.id)
    alice = api(world.alice)
    assert [t["title"] for t in alice.get(f"customers/{customer.id}/tasks").json()["items"]] == ["Open", "Done"]
    assert [t["title"] for t in alice.get(f"customers/{customer.id}/tasks", all="false").json()["items"]] == ["Open"]


def test_customer_tasks_hide_tasks_a_member_may_not_see(world, api):
    customer = world.customer("Anna")
    world.task("Bob's", actor=world.bob, customer=customer)
    assert api(world.alice).get(f"customers/{customer.id}/tasks").json()["items"] == []
