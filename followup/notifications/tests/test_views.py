import pytest
from django.urls import reverse

from followup.notifications.models import Event, Notification
from followup.notifications.services import email_preferences_set, notify


def note(world, recipient, title="Bob assigned you a task", url=None):
    task = world.task(actor=world.bob, assignees=[world.bob])
    notify(event=Event.TASK_ASSIGNED, recipients=[recipient], actor=world.bob, title=title,
           url=url if url is not None else f"/tasks/{task.pk}/", target=task)
    return Notification.objects.filter(recipient=recipient).first()


def test_page_lists_newest_first_with_unread_highlighted(world, login):
    note(world, world.alice, "Older")
    note(world, world.alice, "Newer")
    page = login(world.alice).get(reverse("notifications:list")).content.decode()
    assert page.index("Newer") < page.index("Older")
    assert page.count('class="notification unread"') == 2


def test_titles_are_escaped(world, login):
    note(world, world.alice, "<script>alert(1)</script>")
    page = login(world.alice).get(reverse("notifications:list")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_unread_filter(world, login):
    read = note(world, world.alice, "Seen already")
    read.read_at = read.created_at
    read.save()
    note(world, world.alice, "Fresh")
    page = login(world.alice).get(reverse("notifications:list"), {"unread": "1"}).content.decode()
    assert "Fresh" in page and "Seen already" not in page


def test_open_marks_read_and_goes_to_the_object(world, login):
    n = note(world, world.alice)
    r = login(world.alice).post(reverse("notifications:open", args=[n.pk]))
    assert r.status_code == 302 and r["Location"] == n.url
    n.refresh_from_db()
    assert n.read_at is not None


def test_open_someone_elses_notification_is_404(world, login):
    n = note(world, world.alice)
    assert login(world.mallory).post(reverse("notifications:open", args=[n.pk])).status_code == 404


def test_open_never_redirects_off_site(world, login):
    n = note(world, world.alice, url="https://evil.example/")
    assert login(world.alice).post(reverse("notifications:open", args=[n.pk]))["Location"] == "/notifications/"


def test_mark_one_read(world, login):
    n = note(world, world.alice)
    other = note(world, world.alice)
    login(world.alice).post(reverse("notifications:read"), {"ids": [n.pk]})
    assert list(Notification.objects.filter(read_at__isnull=True)) == [other]


def test_mark_all_read(world, login):
    note(world, world.alice)
    note(world, world.alice)
    login(world.alice).post(reverse("notifications:read"), {"all": "1"})
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_dot_shows_when_there_are_unread_notifications(world, login):
    note(world, world.alice)
    fragment = login(world.alice).get(reverse("notifications:dot")).content.decode()
    assert 'class="unread-dot"' in fragment and "1 unread notification" in fragment


def test_no_dot_without_unread_notifications(world, login):
    assert 'class="unread-dot"' not in login(world.alice).get(reverse("notifications:dot")).content.decode()


def test_every_page_asks_for_the_dot(world, login):
    page = login(world.alice).get(reverse("customers:list")).content.decode()
    assert 'hx-get="/notifications/dot/"' in page


def test_dot_costs_one_query(world, login, django_assert_max_num_queries):
    note(world, world.alice)
    client = login(world.alice)
    # session, user + organization, unread count
    with django_assert_max_num_queries(3):
        client.get(reverse("notifications:dot"))


def test_settings_show_every_event_checked_by_default(world, login):
    page = login(world.alice).get(reverse("notifications:settings")).content.decode()
    assert page.count("checked") == len(Event.values)


def test_settings_save_the_choice(world, login):
    login(world.alice).post(reverse("notifications:settings"), {"email": [Event.REMINDER_DUE, "bogus"]})
    page = login(world.alice).get(reverse("notifications:settings")).content.decode()
    assert page.count("checked") == 1 and f'value="{Event.REMINDER_DUE}" checked' in page


def test_settings_are_per_user(world, login):
    email_preferences_set(actor=world.bob, wanted=[])
    assert login(world.alice).get(reverse("notifications:settings")).content.decode().count("checked") == len(
        Event.values)


@pytest.mark.parametrize("n", [10, 100])
def test_page_runs_constant_queries(world, login, django_assert_max_num_queries, settings, n):
    settings.PAGE_SIZE = n
    task = world.task(actor=world.bob, assignees=[world.bob])
    for i in range(n + 1):
        notify(event=Event.TASK_CREATED, recipients=[world.alice], actor=world.bob, title=f"N{i}",
               url=f"/tasks/{task.pk}/", target=task)
    client = login(world.alice)
    # session, user + organization, header count, notifications page with actors
    with django_assert_max_num_queries(4):
        page = client.get(reverse("notifications:list")).content.decode()
    assert page.count('class="notification unread"') == n


def test_dot_fragment_does_not_ask_again_on_load(world, login):
    # The page's placeholder loads the dot once; the fragment that replaces it only polls, or
    # htmx would fetch it again as soon as it is swapped in, in a loop.
    fragment = login(world.alice).get(reverse("notifications:dot")).content.decode()
    assert 'hx-trigger="every 60s' in fragment and "load" not in fragment
