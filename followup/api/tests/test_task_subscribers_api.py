"""J8: subscribers set when a task is created through the API hear of it."""

from followup.notifications.models import Event, Notification


def test_api_create_sets_subscribers_who_are_notified(world, api):
    r = api(world.alice).post("tasks", {
        "title": "Quarterly review", "customer_id": world.customer().pk, "assignee_ids": [world.alice.pk],
        "priority": "medium", "due_date": "2030-01-01", "subscriber_ids": [world.oscar.pk],
    })

    assert r.status_code == 201, r.content
    assert [s["id"] for s in r.json()["subscribers"]] == [world.oscar.pk]
    assert Notification.objects.filter(recipient=world.oscar, event=Event.TASK_CREATED).exists()
