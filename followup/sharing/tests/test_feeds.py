"""B1: the feeds parse back as RFC 5545, keep their UIDs, answer 304 when unchanged and 404 when revoked."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from followup.sharing.feeds import RENDERED
from followup.sharing.models import Level
from followup.sharing.services import feed_regenerate, feed_revoke, feed_set_details
from followup.tasks.services import task_update

from .conftest import SECRET_CUSTOMER, SECRET_DESCRIPTION, SECRET_TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    RENDERED.clear()


def _url(raw, kind="tasks"):
    return reverse(f"sharing:feed_{kind}", args=[raw])


def _events(response):
    cal = Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}, cal


def test_the_task_feed_is_valid_icalendar_with_what_a_calendar_needs(client, world, secret):
    world.bob.time_zone = "Europe/Warsaw"
    world.bob.save()
    allday = world.task("Send the offer", actor=world.bob, assignees=[world.bob])
    _feed, raw = feed_regenerate(user=world.bob)
    response = client.get(_url(raw))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events, cal = _events(response)
    assert cal["version"] == "2.0" and cal.walk("VTIMEZONE")[0]["tzid"] == "Europe/Warsaw"
    timed = events[f"task-{secret.pk}@127.0.0.1"]
    assert str(timed["summary"]) == SECRET_TITLE
    assert timed.decoded("dtstart").tzinfo is not None and timed["dtstart"].params["TZID"] == "Europe/Warsaw"
    assert timed.decoded("dtend") - timed.decoded("dtstart") == dt.timedelta(hours=1)
    assert str(timed["url"]).endswith(reverse("tasks:detail", args=[secret.pk]))
    assert timed["sequence"] == 0 and "dtstamp" in timed and "last-modified" in timed
    whole_day = events[f"task-{allday.pk}@127.0.0.1"]
    assert whole_day.decoded("dtstart") == allday.due_date and not isinstance(whole_day.decoded("dtstart"), dt.datetime)
    assert whole_day.decoded("dtend") == allday.due_date + dt.timedelta(days=1)
    assert SECRET_CUSTOMER.encode() not in response.content and b"hidden discount" not in response.content


def test_details_go_out_only_when_chosen(client, world, secret):
    _feed, raw = feed_regenerate(user=world.bob, include_details=True)
    body = client.get(_url(raw)).content.decode()
    event = Calendar.from_ical(body).walk("VEVENT")[0]
    assert SECRET_CUSTOMER in str(event["description"]) and SECRET_DESCRIPTION in str(event["description"])
    feed_set_details(user=world.bob, include_details=False)
    assert SECRET_CUSTOMER.encode() not in client.get(_url(raw)).content


def test_uids_survive_regeneration_and_sequence_grows_with_each_edit(client, world, secret):
    _feed, first = feed_regenerate(user=world.bob)
    before, _cal = _events(client.get(_url(first)))
    task_update(actor=world.bob, task_id=secret.pk, title="Renamed")
    task_update(actor=world.bob, task_id=secret.pk, priority=4)
    _feed, second = feed_regenerate(user=world.bob)
    assert client.get(_url(first)).status_code == 404
    after, _cal = _events(client.get(_url(second)))
    assert set(after) == set(before)
    uid = f"task-{secret.pk}@127.0.0.1"
    assert after[uid]["sequence"] == before[uid]["sequence"] + 2 and str(after[uid]["summary"]) == "Renamed"


def test_an_unchanged_feed_answers_304_and_a_change_a_new_etag(client, world, secret):
    _feed, raw = feed_regenerate(user=world.bob)
    first = client.get(_url(raw))
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(_url(raw), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(_url(raw), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    task_update(actor=world.bob, task_id=secret.pk, title="Moved")
    changed = client.get(_url(raw), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_a_revoked_or_unknown_address_is_404(client, world, secret):
    _feed, raw = feed_regenerate(user=world.bob)
    feed_revoke(user=world.bob)
    assert client.get(_url(raw)).status_code == 404
    assert client.get(_url(raw, "busy")).status_code == 404
    assert client.get(_url("not-a-token")).status_code == 404


@pytest.mark.parametrize("level", [Level.BUSY, Level.READ, Level.FULL])
def test_the_busy_feed_says_who_and_when_never_what(client, world, secret, share, level):
    share(level)
    _feed, raw = feed_regenerate(user=world.alice, include_details=True)
    response = client.get(_url(raw, "busy"))
    events, _cal = _events(response)
    [busy] = events.values()
    assert str(busy["summary"]) == "Busy: Bob Baker"
    assert busy.decoded("dtstart") == secret.due_at
    for word in (SECRET_TITLE, SECRET_CUSTOMER, SECRET_DESCRIPTION):
        assert word.encode() not in response.content


def test_the_busy_feed_is_empty_without_sharing(client, world, secret):
    _feed, raw = feed_regenerate(user=world.alice)
    events, _cal = _events(client.get(_url(raw, "busy")))
    assert events == {}


def test_a_feed_is_two_queries_once_its_events_are_rendered(client, world, django_assert_num_queries):
    world.tasks(30, actor=world.bob, assignees=[world.bob])
    _feed, raw = feed_regenerate(user=world.bob)
    client.get(_url(raw))
    with django_assert_num_queries(2):  # the feed with its person, the tasks' keys
        etag = client.get(_url(raw))["ETag"]
    with django_assert_num_queries(2):
        assert client.get(_url(raw), HTTP_IF_NONE_MATCH=etag).status_code == 304
