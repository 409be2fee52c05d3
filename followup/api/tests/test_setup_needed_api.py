"""Issue 13 §1.3 in the API: what the organization lacks is named on the field it stops."""

from followup.tasks.models import StatusCategory, TaskStatus


def test_the_api_names_the_status_when_no_open_status_is_active(world, api):
    customer = world.customer()
    TaskStatus.objects.filter(organization=world.org, category=StatusCategory.OPEN).update(is_active=False)
    r = api(world.alice).post("tasks", {"title": "Call", "customer_id": customer.pk, "assignee_ids": [world.alice.pk],
                                        "priority": "medium", "due_date": "2030-01-02"})
    assert r.status_code == 422
    assert "no active task status" in r.json()["errors"]["status_id"][0]
