"""J8: subscribers are set when a task is created (the New Task form and the API) and hear of it."""

import datetime as dt

from followup.notifications.models import Event, Notification
from followup.tasks.models import Task


def test_new_task_form_sets_subscribers_who_are_notified(world, login):
    client = login(world.alice)

    r = client.post("/tasks/new/", {
        "title": "Quarterly review", "customer": world.customer().pk, "assignees": [world.alice.pk],
        "priority": 2, "status": "", "due_date": dt.date.today().isoformat(), "subscribers": [world.oscar.pk],
    })

    assert r.status_code == 302, r.content.decode()[:2000]
    task = Task.objects.get(title="Quarterly review")
    assert list(task.subscribers.all()) == [world.oscar]
    assert Notification.objects.filter(recipient=world.oscar, event=Event.TASK_CREATED).exists()


def test_new_task_form_refuses_a_subscriber_of_another_organization(world, login):
    client = login(world.alice)

    r = client.post("/tasks/new/", {
        "title": "Quarterly review", "customer": world.customer().pk, "assignees": [world.alice.pk],
        "priority": 2, "due_date": dt.date.today().isoformat(), "subscribers": [world.mallory.pk],
    })

    assert r.status_code == 422
    assert not Task.objects.filter(title="Quarterly review").exists()

