import datetime as dt

import pytest
from django.utils import timezone

from followup.notifications.models import Event
from followup.notifications.services import notify
from followup.reminders.models import Reminder
from followup.reminders.services import reminder_create


def soon(minutes=30):
    return (timezone.now() + dt.timedelta(minutes=minutes)).isoformat()


def test_create_reminder_on_a_task(world, api):
    task = world.task()
    r = api(world.alice).post("reminders", {"target_type": "task", "target_id": task.pk, "remind_at": soon(),
                                            "note": "Ask for the PO"})
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["target_type"] == "task" and body["target_id"] == task.pk and body["url"] == f"/tasks/{task.pk}/"
    assert body["is_active"] and body["fired_at"] is None


def test_naive_time_is_read_in_the_users_time_zone(world, api):
    world.alice.time_zone = "Europe/Warsaw"
    world.alice.save()
    r = api(world.alice).post("reminders", {"target_type": "customer", "target_id": world.customer().pk,
                                            "remind_at": "2026-12-01T09:30"})
    assert r.status_code == 201, r.content
    assert Reminder.objects.get().remind_at == dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)


def test_bad_input_names_each_field(world, api):
    r = api(world.alice).post("reminders", {"target_type": "planet", "target_id": 0, "remind_at": "soon"})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"target_type", "target_id", "remind_at"}


def test_reminder_on_another_organizations_task_is_404(world, api):
    task = world.task()
    r = api(world.mallory).post("reminders", {"target_type": "task", "target_id": task.pk, "remind_at": soon()})
    assert r.status_code == 404


def test_list_shows_only_my_reminders(world, api):
    task = world.task()
    mine = reminder_create(actor=world.alice, target_type="task", target_id=task.pk,
                           remind_at=timezone.now() + dt.timedelta(hours=1))
    reminder_create(actor=world.bob, target_type="customer", target_id=world.customer().pk,
                    remind_at=timezone.now() + dt.timedelta(hours=1))
    assert [r["id"] for r in api(world.alice).get("reminders").json()["items"]] == [mine.pk]


def test_deactivate(world, api):
    reminder = reminder_create(actor=world.alice, target_type="task", target_id=world.task().pk,
                               remind_at=timezone.now() + dt.timedelta(hours=1))
    r = api(world.alice).post(f"reminders/{reminder.pk}/deactivate")
    assert r.status_code == 200 and r.json()["is_active"] is False


def test_deactivate_someone_elses_reminder_is_404(world, api):
    reminder = reminder_create(actor=world.alice, target_type="task", target_id=world.task().pk,
                               remind_at=timezone.now() + dt.timedelta(hours=1))
    assert api(world.mallory).post(f"reminders/{reminder.pk}/deactivate").status_code == 404
    assert api(world.bob).post(f"reminders/{reminder.pk}/deactivate").status_code == 404


@pytest.mark.parametrize("n", [10, 100])
@pytest.mark.parametrize(("on_the_task", "max_queries"), [
    (False, 2),  # token (user, organization), reminders page (content types are cached per process)
    (True, 4),  # the same, and the task and its visibility
])
def test_reminder_lists_run_constant_queries(world, api, django_assert_max_num_queries, n, on_the_task, max_queries):
    task = world.task()
    for _ in range(n + 1):
        reminder_create(actor=world.alice, target_type="task", target_id=task.pk,
                        remind_at=timezone.now() + dt.timedelta(hours=1))
    client = api(world.alice)
    client.get("me")
    with django_assert_max_num_queries(max_queries):
        r = client.get(f"tasks/{task.pk}/reminders" if on_the_task else "reminders", size=n)
    assert len(r.json()["items"]) == n


def note(world, recipient, title="Task created"):
    task = world.task(actor=world.bob, assignees=[world.bob])
    notify(event=Event.TASK_CREATED, recipients=[recipient], actor=world.bob, title=title,
           url=f"/tasks/{task.pk}/", target=task)


def test_notifications_list_and_unread_filter(world, api):
    note(world, world.alice, "First")
    note(world, world.alice, "Second")
    client = api(world.alice)
    client.post("notifications/read", {"ids": [client.get("notifications").json()["items"][1]["id"]]})
    items = client.get("notifications").json()["items"]
    assert [i["title"] for i in items] == ["Second", "First"]
    assert items[0]["actor_name"] == "Bob Baker" and items[0]["target_type"] == "tasks.task"
    assert [i["title"] for i in client.get("notifications", unread="true").json()["items"]] == ["Second"]


def test_unread_count(world, api):
    note(world, world.alice)
    note(world, world.alice)
    assert api(world.alice).get("notifications/unread-count").json() == {"unread": 2}


def test_mark_all_read(world, api):
    note(world, world.alice)
    note(world, world.alice)
    client = api(world.alice)
    assert client.post("notifications/read", {"all": True}).json() == {"marked": 2}
    assert client.get("notifications/unread-count").json() == {"unread": 0}


def test_mark_read_ignores_other_peoples_ids(world, api):
    note(world, world.carol)
    theirs = api(world.carol).get("notifications").json()["items"][0]["id"]
    assert api(world.mallory).post("notifications/read", {"ids": [theirs]}).json() == {"marked": 0}
    assert api(world.carol).get("notifications/unread-count").json() == {"unread": 1}


def test_mark_read_without_ids_or_all_names_the_field(world, api):
    r = api(world.alice).post("notifications/read", {})
    assert r.status_code == 422 and "ids" in r.json()["errors"]


def test_mark_read_with_bad_ids_names_the_field(world, api):
    r = api(world.alice).post("notifications/read", {"ids": ["x"]})
    assert r.status_code == 422 and "ids" in r.json()["errors"]


@pytest.mark.parametrize("n", [10, 100])
def test_notification_list_runs_constant_queries(world, api, django_assert_max_num_queries, n):
    task = world.task(actor=world.bob, assignees=[world.bob])
    for i in range(n + 1):
        notify(event=Event.TASK_CREATED, recipients=[world.alice], actor=world.bob, title=f"N{i}",
               url=f"/tasks/{task.pk}/", target=task)
    client = api(world.alice)
    client.get("me")
    # token (user, organization), notifications page with actors
    with django_assert_max_num_queries(2):
        r = client.get("notifications", size=n)
    assert len(r.json()["items"]) == n


@pytest.mark.parametrize("kind", ["task", "customer", "memo"])
def test_reminders_on_one_object(world, api, kind):
    from followup.memos.services import memo_create

    target = {"task": world.task, "customer": world.customer,
              "memo": lambda: memo_create(actor=world.alice, title="Budget", recipient_id=world.bob.pk)}[kind]()
    client = api(world.alice)
    r = client.post(f"{kind}s/{target.pk}/reminders", {"remind_at": soon(), "note": "Follow up"})
    assert r.status_code == 201, r.content
    assert r.json()["target_type"] == kind and r.json()["target_id"] == target.pk
    reminder_create(actor=world.alice, target_type="customer", target_id=world.customer("Other").pk,
                    remind_at=timezone.now())
    items = client.get(f"{kind}s/{target.pk}/reminders").json()["items"]
    assert [i["note"] for i in items] == ["Follow up"]


def test_reminders_on_an_object_i_cannot_see_are_404(world, api):
    task = world.task(actor=world.bob, assignees=[world.bob])
    assert api(world.alice).get(f"tasks/{task.pk}/reminders").status_code == 404
    assert api(world.alice).post(f"tasks/{task.pk}/reminders", {"remind_at": soon()}).status_code == 404
    assert api(world.mallory).get(f"customers/{world.customer().pk}/reminders").status_code == 404


def test_reminder_on_an_object_without_a_time_names_the_field(world, api):
    r = api(world.alice).post(f"tasks/{world.task().pk}/reminders", {"note": "x"})
    assert r.status_code == 422 and "remind_at" in r.json()["errors"]



def test_reschedule_a_reminder(world, api):
    task = world.task()
    reminder = reminder_create(actor=world.alice, target_type="task", target_id=task.pk, remind_at=timezone.now())
    Reminder.objects.filter(pk=reminder.pk).update(fired_at=timezone.now())
    r = api(world.alice).post(f"reminders/{reminder.pk}/reschedule", {"remind_at": soon(60)})
    assert r.status_code == 200, r.content
    assert r.json()["is_active"] and r.json()["fired_at"] is None
    assert api(world.bob).post(f"reminders/{reminder.pk}/reschedule", {"remind_at": soon()}).status_code == 404
    assert "remind_at" in api(world.alice).post(f"reminders/{reminder.pk}/reschedule", {}).json()["errors"]
