"""Issue 13 §1.1 on the task list, in a real Chromium at 1280 and 375 px: the filter bar's
assignee and due range, the reassign dialog and the batch bar choose people by typing, with
200 colleagues in the organization and none of them in the page. FOLLOWUP_SHOTS_DIR saves
screenshots."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from conftest import browser_log_in, browser_shot, page_fits
from followup.accounts.models import User
from followup.tasks.models import Task
from followup.tasks.validation import TaskLinks

pytestmark = [pytest.mark.browser]


@pytest.fixture
def crowd(world):
    """200 more people: the page must not carry them."""
    User.objects.bulk_create(
        User(organization=world.org, username=f"colleague{i:03}", first_name="Colleague", last_name=f"{i:03}")
        for i in range(200))


def open_filters(page):
    if page.viewport_name == "phone":
        page.click("[data-toggle-filters]")


def test_filter_by_assignee_and_due_range(page, world, crowd):
    world.task("Mine, soon", due_date=dt.date(2026, 3, 2))
    world.task("Bob's, soon", actor=world.bob, due_date=dt.date(2026, 3, 3))
    world.task("Bob's, later", actor=world.bob, due_date=dt.date(2026, 5, 1))
    browser_log_in(page, "carol")
    page.goto("/tasks/all_pending/")
    assert "Colleague 150" not in page.content()
    open_filters(page)
    who = page.locator("#f-assignee")
    who.press_sequentially("bob bak", delay=0)
    who.press("Enter")
    expect(who).to_have_value("Bob Baker")
    page.fill("#f-from", "01.03.2026")  # any of / . - is understood
    page.fill("#f-to", "2026-03-31")  # and ISO
    browser_shot(page, "task-filters")
    assert page_fits(page)
    page.click("#filters button[type=submit]")
    page.wait_for_url("**assignee=*")
    titles = page.locator(".task-list td:nth-child(2) > a").all_inner_texts()
    assert titles == ["Bob's, soon"]
    open_filters(page)
    assert page.locator("#f-assignee").input_value() == "Bob Baker"  # the filter keeps its name
    assert page.locator("#f-from").input_value() == "01/03/2026"

    page.fill("#f-to", "31/04/2026")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**due_to=*")
    assert "31 April 2026 does not exist." in page.locator(".filter-problems").inner_text()
    open_filters(page)
    assert page.locator("#f-to").input_value() == "31/04/2026"  # kept as typed


def test_reassign_dialog_and_batch_bar_choose_by_typing(page, world, crowd):
    first = world.task("Call the supplier")
    world.task("Write the offer")
    world.task("Book the room")
    browser_log_in(page, "alice")
    row = page.locator(".task-list > tbody > tr", has=page.locator("td:nth-child(2) > a", has_text="Call the supplier"))
    more = row.locator("details.row-menu > summary")
    expect(more).to_have_accessible_name("More actions: Call the supplier")  # aria-labelledby
    more.click()
    row.locator("[data-reassign]").click()
    who = page.locator("#reassign-who")
    who.press_sequentially("colleague 042", delay=0)
    page.locator("#reassign-who-list [role=option]", has_text="Colleague 042").wait_for()
    browser_shot(page, "reassign-dialog")
    who.press("Escape")  # closes the list, not the dialog
    expect(page.locator("#reassign-dialog")).to_be_visible()
    who.press("Enter")  # the text is still there: Enter chooses its match
    expect(who).to_have_value("Colleague 042")
    page.locator("#reassign-dialog button[type=submit]").click()
    page.wait_for_url("**/tasks/")
    assert [u.username for u in Task.objects.get(pk=first.pk).assignees.all()] == ["colleague042"]

    for title in ("Write the offer", "Book the room"):
        row = page.locator(".task-list > tbody > tr", has=page.locator("td:nth-child(2) > a", has_text=title))
        row.locator("[name=task_ids]").check()
    batch = page.locator("#batch-assignee")
    batch.press_sequentially("bob", delay=0)
    batch.press("Enter")
    expect(batch).to_have_value("Bob Baker")
    browser_shot(page, "batch-reassign")
    assert page_fits(page)
    page.locator("[data-batchbar] button[value=reassign]").click()
    page.wait_for_url("**/tasks/")
    assert {u.username for t in Task.objects.filter(title__in=["Write the offer", "Book the room"])
            for u in t.assignees.all()} == {"bob"}


def test_the_row_menu_button_comes_with_the_script(page, world):
    """Issue 16 §2: the server sends no ⋯ (without app.js it would open nothing); app.js gives one
    to every row but a read-only one (J8: alice only follows Bob's task), and again to a row htmx
    has just replaced."""
    world.task("Followed by alice", actor=world.bob, assignees=[world.bob],
               links=TaskLinks(subscriber_ids=[world.alice.pk]))
    world.task("Alice's own")
    browser_log_in(page, "alice")
    page.goto("/tasks/all_pending/")
    followed = page.locator(".task-list > tbody > tr", has_text="Followed by alice")
    own = page.locator(".task-list > tbody > tr", has_text="Alice's own")
    expect(own.locator("details.row-menu > summary")).to_have_accessible_name("More actions: Alice's own")
    expect(followed.locator("details.row-menu")).to_have_count(0)
    own.locator("button.icon-complete").click()
    expect(own.locator("button", has_text="Reopen")).to_be_visible()  # the row htmx put in its place
    expect(own.locator("details.row-menu")).to_have_count(1)
