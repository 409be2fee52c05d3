"""The Django admin works for administrators and never shows another organization's rows."""

from followup.customers.models import Customer


def test_administrator_sees_only_own_customers(world, login):
    world.customer("Ours Ltd")
    world.customer("Theirs GmbH", organization=world.other_org)
    client = login(world.adam)
    response = client.get("/admin/customers/customer/")
    assert response.status_code == 200
    assert b"Ours Ltd" in response.content and b"Theirs GmbH" not in response.content


def test_administrator_gets_404_for_other_organizations_customer(world, login):
    theirs = world.customer("Theirs GmbH", organization=world.other_org)
    client = login(world.adam)
    response = client.get(f"/admin/customers/customer/{theirs.pk}/change/")
    assert response.status_code in (302, 404)
    assert Customer.objects.get(pk=theirs.pk).name == "Theirs GmbH"


def test_member_cannot_enter_admin(world, login):
    client = login(world.alice)
    response = client.get("/admin/customers/customer/")
    assert response.status_code == 302


def test_administrator_creates_customer_in_own_organization(world, login):
    client = login(world.adam)
    response = client.post("/admin/customers/customer/add/", {
        "kind": "person", "name": "New Person", "stage": "lead", "email": "", "phone": "", "notes": "",
    })
    assert response.status_code == 302, response.content[:2000]
    assert Customer.objects.get(name="New Person").organization == world.org


def test_task_admin_is_read_only(world, login):
    task = world.task()
    client = login(world.adam)
    assert client.get(f"/admin/tasks/task/{task.pk}/change/").status_code == 200
    assert client.post(f"/admin/tasks/task/{task.pk}/delete/", {"post": "yes"}).status_code == 403
