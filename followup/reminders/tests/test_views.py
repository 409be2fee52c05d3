import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from followup.reminders.models import Reminder
from followup.reminders.services import reminder_create


def later(world, user, target=None, kind="task", hours=1, note=""):
    target = target or world.task(actor=user)
    return reminder_create(actor=user, target_type=kind, target_id=target.pk,
                           remind_at=timezone.now() + dt.timedelta(hours=hours), note=note)


def _object_of(world, kind):
    from followup.deals.services import deal_create
    from followup.memos.services import memo_create
    from followup.projects.services import project_create

    return {
        "memo": lambda: memo_create(actor=world.alice, title="Budget", recipient_id=world.bob.pk),
        "project": lambda: project_create(actor=world.alice, name="Launch"),
        "task": lambda: world.task(),
        "customer": lambda: world.customer(),
        "deal": lambda: deal_create(actor=world.alice, customer_id=world.customer().pk, title="Fleet renewal"),
    }[kind]()


@pytest.mark.parametrize("kind", ["task", "customer", "deal", "memo", "project"])
def test_detail_page_has_the_remind_me_box(world, login, kind):
    target = _object_of(world, kind)
    page = login(world.alice).get(f"/{kind}s/{target.pk}/").content.decode()
    assert 'action="/reminders/new/"' in page
    assert f'name="target_type" value="{kind}"' in page and f'name="target_id" value="{target.pk}"' in page
    assert f'hx-get="/reminders/on/{kind}/{target.pk}/' in page


@pytest.mark.parametrize("when", [
    {"remind_date": "01/07/2026", "remind_time": "10:00"},  # the box: a date as the user types it (§1.13)
    {"remind_at": "2026-07-01T10:00"},  # one value, for a client that sends one
])
def test_add_reminder_reads_the_time_in_the_users_time_zone(world, login, when):
    world.alice.time_zone = "Europe/Warsaw"
    world.alice.save()
    task = world.task()
    r = login(world.alice).post(reverse("reminders:new"), {
        "target_type": "task", "target_id": task.pk, **when, "note": "Call", "next": f"/tasks/{task.pk}/"})
    assert r.status_code == 302 and r["Location"] == f"/tasks/{task.pk}/"
    assert Reminder.objects.get().remind_at == dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)


def test_add_reminder_without_a_time_says_so(world, login):
    client = login(world.alice)
    r = client.post(reverse("reminders:new"), {"target_type": "task", "target_id": world.task().pk,
                                               "remind_at": ""}, follow=True)
    assert "Enter the date and time of the reminder." in r.content.decode()
    assert not Reminder.objects.exists()


def test_add_reminder_on_another_organizations_task_is_404(world, login):
    task = world.task()
    r = login(world.mallory).post(reverse("reminders:new"), {"target_type": "task", "target_id": task.pk,
                                                             "remind_at": "2026-07-01T10:00"})
    assert r.status_code == 404


def test_list_shows_my_reminders_escaped(world, login):
    later(world, world.alice, target=world.task("<script>x</script>"), note="<b>bring</b>")
    page = login(world.alice).get(reverse("reminders:list")).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "&lt;b&gt;bring&lt;/b&gt;" in page
    assert "<script>x" not in page


def test_list_does_not_show_other_peoples_reminders(world, login):
    later(world, world.bob, target=world.task("Bob's secret", actor=world.bob))
    assert "Bob&#x27;s secret" not in login(world.alice).get(reverse("reminders:list")).content.decode()


def test_deactivate_button(world, login):
    reminder = later(world, world.alice)
    r = login(world.alice).post(reverse("reminders:deactivate", args=[reminder.pk]))
    assert r.status_code == 302
    reminder.refresh_from_db()
    assert not reminder.is_active


def test_deactivate_someone_elses_reminder_is_404(world, login):
    reminder = later(world, world.alice)
    assert login(world.bob).post(reverse("reminders:deactivate", args=[reminder.pk])).status_code == 404


@pytest.mark.parametrize("n", [10, 100])
def test_reminder_list_runs_constant_queries(world, login, django_assert_max_num_queries, n, settings):
    settings.PAGE_SIZE = n
    task = world.task()
    for _ in range(n + 1):
        later(world, world.alice, target=task)
    client = login(world.alice)
    # session, user + organization, header count, reminders page
    with django_assert_max_num_queries(4):
        page = client.get(reverse("reminders:list")).content.decode()
    assert page.count("Deactivate</button>") == n


def box(client, kind, pk, next_="/"):
    return client.get(reverse("reminders:on_object", args=[kind, pk]), {"next": next_})


def test_box_lists_my_upcoming_reminders_on_this_object_only(world, login):
    task = world.task()
    later(world, world.alice, target=task, note="<b>bring</b> the contract")
    fired = later(world, world.alice, target=task, note="already fired")
    Reminder.objects.filter(pk=fired.pk).update(fired_at=timezone.now())
    later(world, world.alice, note="another task")
    later(world, world.bob, target=world.task(actor=world.bob, assignees=[world.bob, world.alice]), note="bob's")
    page = box(login(world.alice), "task", task.pk, f"/tasks/{task.pk}/").content.decode()
    assert "&lt;b&gt;bring&lt;/b&gt; the contract" in page
    assert "already fired" not in page and "another task" not in page and "bob&#x27;s" not in page
    assert f'name="next" value="/tasks/{task.pk}/"' in page


def test_box_of_an_object_i_cannot_see_or_of_an_unknown_kind_is_404(world, login):
    task = world.task(actor=world.bob, assignees=[world.bob])
    assert box(login(world.alice), "task", task.pk).status_code == 404
    assert box(login(world.mallory), "customer", world.customer().pk).status_code == 404
    assert box(login(world.alice), "planet", 1).status_code == 404


def test_box_quick_times_are_in_the_users_time_zone(world, login):
    from followup.reminders.forms import quick_times

    world.alice.time_zone = "Asia/Tokyo"
    world.alice.save()
    page = box(login(world.alice), "customer", world.customer().pk).content.decode()
    day, time = (page.split(f'{name}="')[1].split('"')[0] for name in ("data-value", "data-time"))
    first = dt.datetime.strptime(f"{day} {time}", "%d/%m/%Y %H:%M")  # as the user types a date
    tokyo_in_an_hour = (timezone.now() + dt.timedelta(hours=1)).astimezone(dt.timezone(dt.timedelta(hours=9)))
    assert abs(first - tokyo_in_an_hour.replace(tzinfo=None, second=0, microsecond=0)) < dt.timedelta(minutes=2)
    monday = quick_times(dt.datetime(2026, 11, 25, 15, 0))  # a Wednesday
    assert [v for _label, v in monday] == ["2026-11-25T16:00", "2026-11-26T09:00", "2026-11-30T09:00"]


def test_box_runs_constant_queries(world, login, django_assert_max_num_queries):
    task = world.task()
    for _ in range(15):
        later(world, world.alice, target=task)
    client = login(world.alice)
    # session, user, the task and its visibility, the reminders
    with django_assert_max_num_queries(5):
        assert box(client, "task", task.pk).status_code == 200


def test_reminder_list_offers_quick_times_to_move_or_repeat_each_reminder(world, login):
    later(world, world.alice)
    page = login(world.alice).get(reverse("reminders:list")).content.decode()
    assert "Move" in page and 'name="remind_at"' in page and "Tomorrow 9:00" in page


def test_quick_time_moves_the_reminder_in_the_users_time_zone(world, login):
    world.alice.time_zone = "Europe/Warsaw"
    world.alice.save()
    reminder = later(world, world.alice)
    r = login(world.alice).post(reverse("reminders:reschedule", args=[reminder.pk]), {"remind_at": "2026-07-01T09:00"})
    assert r.status_code == 302 and r["Location"] == reverse("reminders:list")
    reminder.refresh_from_db()
    assert reminder.remind_at == dt.datetime(2026, 7, 1, 7, 0, tzinfo=dt.UTC)


def test_moving_someone_elses_reminder_is_404(world, login):
    reminder = later(world, world.alice)
    r = login(world.bob).post(reverse("reminders:reschedule", args=[reminder.pk]), {"remind_at": "2026-07-01T09:00"})
    assert r.status_code == 404


def test_moving_a_reminder_to_a_time_that_is_no_time_says_so_and_changes_nothing(world, login):
    reminder = later(world, world.alice)
    client = login(world.alice)
    r = client.post(reverse("reminders:reschedule", args=[reminder.pk]), {"remind_at": "next tuesday"},
                    follow=True)
    assert "Enter a valid date and time." in r.content.decode()
    assert Reminder.objects.get(pk=reminder.pk).remind_at == reminder.remind_at


def test_add_reminder_on_a_day_that_does_not_exist_names_it(world, login):
    r = login(world.alice).post(reverse("reminders:new"), {
        "target_type": "task", "target_id": world.task().pk, "remind_date": "31/06/2026", "remind_time": "10:00"},
        follow=True)
    assert "31 June 2026 does not exist." in r.content.decode()
    assert not Reminder.objects.exists()
