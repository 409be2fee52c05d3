"""L7, B1: the sharing page of the profile."""

import pytest
from django.urls import reverse

from followup.sharing.models import CalendarFeed, Grant, Level

pytestmark = pytest.mark.django_db


def test_share_per_type_and_stop_from_the_page(login, world, types):
    client = login(world.bob)
    page = reverse("sharing:page")
    assert b"Share with someone" in client.get(page).content
    response = client.post(page, {"action": "share", "grantee": world.alice.pk, "level": Level.NONE,
                                  f"type_{types['Project'].pk}": Level.FULL, f"type_{types['Meeting'].pk}": ""})
    assert response.status_code == 302
    assert list(Grant.objects.values_list("task_type", "level")) == [(types["Project"].pk, Level.FULL)]
    shown = client.get(page).content.decode()
    assert "Alice Archer" in shown and "Stop sharing" in shown
    assert "Bob Baker" in login(world.alice).get(page).content.decode()
    client = login(world.bob)
    client.post(page, {"action": "unshare", "grantee": world.alice.pk})
    assert not Grant.objects.exists()


def test_bad_input_is_shown_next_to_the_field(login, world):
    client = login(world.bob)
    response = client.post(reverse("sharing:page"), {"action": "share", "grantee": world.mallory.pk, "level": 2})
    assert response.status_code == 200
    assert "Choose an active person of your organization." in response.content.decode()
    response = client.post(reverse("sharing:page"), {"action": "share", "grantee": world.alice.pk, "level": "x"})
    assert "Choose one of: none, free/busy, read-only, full access." in response.content.decode()


def test_the_feed_address_is_shown_once_and_can_be_regenerated_and_revoked(login, world):
    client = login(world.bob)
    page = reverse("sharing:page")
    shown = client.post(page, {"action": "feed_new"}, follow=True).content.decode()
    assert "/calendar-feeds/" in shown and "tasks.ics" in shown
    assert "/calendar-feeds/" not in client.get(page).content.decode()
    old_hash = CalendarFeed.objects.get(user=world.bob).token_hash
    client.post(page, {"action": "feed_new"})
    assert CalendarFeed.objects.get(user=world.bob).token_hash != old_hash
    client.post(page, {"action": "feed_details", "include_details": "on"})
    assert CalendarFeed.objects.get(user=world.bob).include_details
    client.post(page, {"action": "feed_revoke"})
    assert not CalendarFeed.objects.exists()


def test_the_page_reads_a_constant_number_of_rows(login, world, types, django_assert_num_queries):
    from followup.sharing.services import share_set

    for person in (world.alice, world.carol, world.oscar):
        share_set(actor=world.bob, grantee_id=person.pk, level=Level.READ, per_type={types["Project"].pk: 3})
    client = login(world.bob)
    client.get(reverse("sharing:page"))
    # session, user, the task types, given, received, feed, the header's task badge
    with django_assert_num_queries(7):
        client.get(reverse("sharing:page"))
