"""Every write is a service: the admin cannot move a customer's stage behind the stage record's back."""

from followup.customers.models import Stage, StageChange


def test_admin_cannot_change_a_customers_stage(client, world):
    customer = world.customer("Initrode")
    client.force_login(world.adam)

    r = client.post(f"/admin/customers/customer/{customer.pk}/change/", {
        "kind": customer.kind, "name": "Initrode", "email": "", "phone": "", "stage": Stage.CUSTOMER, "notes": "",
    })

    assert r.status_code == 302, r.content.decode()[:3000]
    customer.refresh_from_db()
    assert customer.stage == Stage.LEAD
    assert not StageChange.objects.filter(customer=customer).exists()
