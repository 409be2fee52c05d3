"""L7's bar: every read path, for every level, on the raw bytes of the answer. A free/busy (or
no) grantee never receives the title, the customer's name or the description of the grantor's
task; read-only and full grantees find it where a task is listed."""

import datetime as dt

import pytest
from django.urls import reverse

from followup.sharing.feeds import RENDERED
from followup.sharing.models import Level
from followup.sharing.services import feed_regenerate
from followup.tasks.services import note_add, task_update

from .conftest import LEVELS, SECRET_CUSTOMER, SECRET_DESCRIPTION, SECRET_TITLE

pytestmark = pytest.mark.django_db
SECRETS = [w.encode() for w in (SECRET_TITLE, SECRET_CUSTOMER, SECRET_DESCRIPTION)]
TASK_VIEWS = ("my_pending", "unassigned", "all_pending", "completed")


def _page_paths(secret) -> list[str]:
    """What the web app lists tasks in, searches them with, and shows them on."""
    lists = [reverse("tasks:view", args=[view]) for view in TASK_VIEWS]
    searches = [f"{reverse('tasks:view', args=['all_pending'])}?q={word}" for word in ("Zanzibar", "Quetzal")]
    return [reverse("tasks:list"), *lists, *searches, reverse("notifications:list"), reverse("sharing:page")]


def _api_paths(world) -> list[str]:
    start, end = dt.date.today().isoformat(), (dt.date.today() + dt.timedelta(days=7)).isoformat()
    return [*(f"tasks?view={view}" for view in TASK_VIEWS), "tasks?view=all_pending&q=Zanzibar",
            "tasks?view=all_pending&q=Quetzal", "notifications", "counts", "sharing",
            f"sharing/freebusy?user_ids={world.bob.pk}&start={start}T00:00&end={end}T00:00"]


def _leaks(body: bytes) -> list[bytes]:
    return [word for word in SECRETS if word in body]


@pytest.fixture
def busy_task(world, secret):
    """The secret task, edited and noted by bob, so that its people were notified."""
    task_update(actor=world.bob, task_id=secret.pk, priority=4)
    note_add(actor=world.bob, task_id=secret.pk, body="Prepared")
    RENDERED.clear()
    return secret


@pytest.mark.parametrize("level", LEVELS)
def test_no_read_path_gives_a_free_busy_grantee_what_the_task_is(login, api, world, busy_task, share, level):
    alice = share(level)
    client = login(alice)
    seen = {path: client.get(path) for path in _page_paths(busy_task)}
    seen |= {f"api {path}": api(alice).get(path) for path in _api_paths(world)}
    page = client.get(reverse("tasks:detail", args=[busy_task.pk]))
    api_detail = api(alice).get(f"tasks/{busy_task.pk}")
    # The customer's own page names the customer (customers are not what sharing is about);
    # the task's title and description are what it must not show.
    customer_page = client.get(reverse("customers:detail", args=[busy_task.customer_id])).content
    assert (SECRET_TITLE.encode() in customer_page) is (level >= Level.READ)
    assert SECRET_DESCRIPTION.encode() not in customer_page
    _feed, raw = feed_regenerate(user=alice, include_details=True)
    feeds = {kind: client.get(reverse(f"sharing:feed_{kind}", args=[raw])) for kind in ("tasks", "busy")}
    assert all(r.status_code in (200, 304) for r in [*seen.values(), *feeds.values()])
    if level <= Level.BUSY:
        assert (page.status_code, api_detail.status_code) == (404, 404)
        leaks = {path: _leaks(r.content) for path, r in {**seen, **feeds}.items() if _leaks(r.content)}
        leaks |= {"page": _leaks(page.content), "api detail": _leaks(api_detail.content)} \
            if _leaks(page.content + api_detail.content) else {}
        assert leaks == {}
    else:
        assert (page.status_code, api_detail.status_code) == (200, 200)
        assert SECRET_TITLE.encode() in page.content and SECRET_TITLE.encode() in api_detail.content
        assert SECRET_TITLE.encode() in seen[reverse("tasks:view", args=["all_pending"])].content
        assert SECRET_TITLE.encode() in seen["api tasks?view=all_pending&q=Quetzal"].content
        # Notifications go to a task's people, not to those it is shared with.
        assert SECRET_TITLE.encode() not in seen[reverse("notifications:list")].content
    busy = feeds["busy"].content
    assert (b"BEGIN:VEVENT" in busy) is (level >= Level.BUSY)
    assert _leaks(busy) == [] and _leaks(feeds["tasks"].content) == []
