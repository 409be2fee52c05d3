"""In a real Chromium at 1280 and 375 px (L9): the week view shows my task, dragging it to
another day moves its due date, and the task's history says so; a click opens the task."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from conftest import browser_log_in, browser_shot, page_fits
from followup.tasks.models import Task

pytestmark = [pytest.mark.browser]

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _week_view(page):
    page.goto("/calendar/")
    if page.viewport_name == "phone":  # a phone opens on the day view
        page.click(".ec-toolbar button:has-text('Week')")
    expect(page.locator(".ec-all-day .ec-day")).to_have_count(7)  # the week, not the day
    page.locator(".ec-event").first.wait_for()


def _settled_box(page, locator):
    """The element's box once it holds still: the widget draws its items again as they come (a view's
    first fetch), and an item caught between two drawings has no box (CI, PostgreSQL, phone)."""
    last = None
    for _ in range(50):
        box = locator.bounding_box()
        if box is not None and box == last:
            return box
        last = box
        page.wait_for_timeout(100)
    raise AssertionError(f"{locator} did not hold still for a tenth of a second in five seconds")


def _drag(page, source, target, steps=12):
    """Press on ``source``, move to ``target``'s middle in steps (the widget follows pointer moves), release."""
    box, goal = _settled_box(page, source), _settled_box(page, target)
    x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    x1, y1 = goal["x"] + goal["width"] / 2, goal["y"] + goal["height"] / 2
    page.mouse.move(x0, y0)
    page.mouse.down()
    for i in range(1, steps + 1):
        page.mouse.move(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps)
    page.mouse.up()


def _another_day(today: dt.date) -> dt.date:
    """A day of the same Monday-to-Sunday week."""
    return today + dt.timedelta(days=1 if today.weekday() < 6 else -1)


def _drag_all_day_item(page, title: str, day: dt.date):
    """Drag the all-day item ``title`` to ``day``'s cell; the answer of the move it sends."""
    event = page.locator(f".ec-all-day .ec-event:has-text('{title}')")
    cell = page.locator(f".ec-all-day .ec-day.ec-{WEEKDAYS[day.weekday()]}")
    expect(event).to_be_visible()
    with page.expect_response(lambda r: r.url.endswith("/move")) as moved:
        _drag(page, event, cell)
    return moved.value


def test_dragging_a_task_to_another_day_in_the_week_view_moves_its_due_date(page, world):
    today = dt.date.today()
    target = _another_day(today)
    task = world.task("Call ACME", due_date=today)
    browser_log_in(page, "alice")
    _week_view(page)
    assert page_fits(page)
    browser_shot(page, "calendar-week")

    assert _drag_all_day_item(page, "Call ACME", target).status == 200
    assert Task.objects.get(pk=task.pk).due_date == target

    page.locator(".ec-all-day .ec-event:has-text('Call ACME')").click()
    page.wait_for_url(f"**/tasks/{task.pk}/")
    change = page.locator(".history .changes li:has-text('Due date')")
    assert f"{today.isoformat()} → {target.isoformat()}" in change.inner_text()


def test_a_move_someone_else_saved_first_is_undone_with_a_message(page, world):
    from followup.tasks.services import task_update

    today = dt.date.today()
    task = world.task("Call ACME", due_date=today)
    browser_log_in(page, "alice")
    _week_view(page)
    task_update(actor=world.alice, task_id=task.pk, title="Call ACME today")  # the page holds version 1

    assert _drag_all_day_item(page, "Call ACME", _another_day(today)).status == 409
    page.locator(".toast-error:has-text('The task was not moved')").wait_for()
    assert Task.objects.get(pk=task.pk).due_date == today
    page.locator(".ec-event:has-text('Call ACME today')").wait_for()  # reloaded


def test_a_phone_opens_on_the_day_and_offers_the_list(page, world):
    world.task("Call ACME", due_date=dt.date.today(), due_time=dt.time(10, 0), duration_minutes=60)
    world.task("Send the offer", due_date=dt.date.today())
    browser_log_in(page, "alice")
    page.goto("/calendar/")
    page.locator(".ec-event:has-text('Call ACME')").wait_for()
    expected = "ec-time-grid ec-day-view" if page.viewport_name == "phone" else "ec-time-grid ec-week-view"
    assert expected in page.get_attribute("#calendar > .ec", "class")
    assert page_fits(page)
    browser_shot(page, "calendar-first")
    page.click(".ec-toolbar button:has-text('List')")
    page.locator(".ec-list .ec-event:has-text('Send the offer')").wait_for()
    assert page_fits(page)
    browser_shot(page, "calendar-list")


def test_a_company_manager_switches_a_colleague_on_in_their_colour(page, world):
    world.task("Carol's review", actor=world.carol, due_date=dt.date.today())
    world.task("Bob's visit", actor=world.bob, due_date=dt.date.today())
    browser_log_in(page, "carol")
    page.goto("/calendar/")
    page.locator(".ec-event:has-text(\"Carol's review\")").wait_for()
    assert page.locator(".ec-event:has-text(\"Bob's visit\")").count() == 0
    page.check(f"input[data-person][value='{world.bob.pk}']")
    bob = page.locator(".ec-event:has-text(\"Bob's visit\")")
    bob.wait_for()
    colour = page.get_attribute(f"input[data-person][value='{world.bob.pk}']", "data-colour")
    assert f"person-{colour}" in bob.get_attribute("class") and colour != "0"
    assert page_fits(page)
    browser_shot(page, "calendar-people")


def test_the_calendar_speaks_polish(page, world):
    world.alice.language = "pl"
    world.alice.save()
    world.task("Zadzwoń do ACME", due_date=dt.date.today(), due_time=dt.time(9, 30), duration_minutes=30)
    browser_log_in(page, "alice")
    page.goto("/calendar/")
    page.locator(".ec-event:has-text('Zadzwoń do ACME')").wait_for()
    toolbar = page.inner_text(".ec-toolbar")
    assert "Dzisiaj" in toolbar and "Tydzień" in toolbar and "Lista" in toolbar
    assert "9:30" in page.inner_text(".ec-event:has-text('Zadzwoń do ACME')")
    assert page.get_attribute(".ec-toolbar button.ec-prev", "aria-label") == "Wcześniej"
    browser_shot(page, "calendar-polish")


def test_on_a_narrow_desktop_the_calendar_stays_in_the_bar_and_memos_are_behind_more(page, world):
    if page.viewport_name == "phone":
        pytest.skip("the phone's tab bar is test_phone's")
    page.set_viewport_size({"width": 1100, "height": 800})
    browser_log_in(page, "alice")
    expect(page.locator(".mainnav > a[href='/calendar/']")).to_be_visible()
    expect(page.locator(".mainnav > a[href='/memos/']")).to_be_hidden()
    page.click(".nav-more > summary")
    expect(page.locator(".nav-more .menu-panel a[href='/memos/']")).to_be_visible()  # the menu is open
    expect(page.locator(".nav-more .menu-panel a[href='/calendar/']")).to_be_hidden()
    page.click(".nav-more .menu-panel a[href='/memos/']")
    page.wait_for_url("**/memos/")
    assert page_fits(page)
    browser_shot(page, "nav-narrow-desktop")
