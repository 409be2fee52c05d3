"""The issue's browser flow, on a desktop and on a phone viewport: log in, New Task with a missing
field, fix it, see it in My pending, complete it, see it in Completed, reopen it, batch-complete two."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from conftest import browser_log_in
from followup.tasks.models import Task

pytestmark = [pytest.mark.browser]


def row(page, title):
    return page.locator(".task-list > tbody > tr", has=page.locator("td:nth-child(2) > a", has_text=title))


def test_task_flow(page, world):
    world.customer("Acme Trading")
    browser_log_in(page, "alice")

    # New Task, submitted without a title: the error is shown next to the field.
    page.goto("/tasks/new/")
    page.fill("#id_customer_label", "Acme")
    page.locator("#id_customer_label-list [role=option]", has_text="Acme Trading").click()
    page.fill("#id_due_date", (dt.date.today() + dt.timedelta(days=2)).strftime("%d/%m/%Y"))
    page.select_option("#id_priority", label="High")
    page.click("button:has-text('Create task')")
    error = page.locator("#err-title")
    error.wait_for()  # the 422 answer is a new page: wait for it, is_visible() alone does not
    assert error.is_visible() and "Enter a title" in error.inner_text()
    assert page.input_value("#id_customer_label") == "Acme Trading"  # nothing typed is lost

    # Fixed and submitted: it shows in My pending.
    page.fill("#id_title", "Send the offer")
    page.click("button:has-text('Create task')")
    page.wait_for_url("**/tasks/")
    expect(row(page, "Send the offer")).to_be_visible()
    assert Task.objects.get(title="Send the offer").customer.name == "Acme Trading"

    # Complete it (in place), then find it in Completed and reopen it.
    complete = row(page, "Send the offer").locator("button.icon-complete")
    expect(complete).to_have_accessible_name("Complete: Send the offer")
    complete.hover()
    expect(complete).to_have_attribute("title", "Complete")  # the tooltip comes with the pointer
    complete.click()
    # "↺ Reopen", or "↺" alone on a phone: named "Reopen: Send the offer" by aria-labelledby
    reopen = page.get_by_role("button", name="Reopen: Send the offer", exact=True)
    reopen.wait_for()
    page.click("a.tab:has-text('Completed')")
    page.wait_for_url("**/tasks/completed/")
    reopen.click()
    row(page, "Send the offer").locator("button.icon-complete").wait_for()
    assert Task.objects.get(title="Send the offer").is_pending

    # Batch-complete two checked tasks.
    world.task("First batch task")
    world.task("Second batch task")
    page.goto("/tasks/")
    page.get_by_role("checkbox", name="Check: First batch task").check()
    row(page, "Second batch task").locator("[name=task_ids]").check()
    page.locator("[data-batchbar] button[value=complete]").click()
    page.wait_for_url("**/tasks/")
    page.locator(".toast", has_text="2 tasks completed").wait_for()
    assert row(page, "First batch task").count() == 0 and row(page, "Second batch task").count() == 0
    assert Task.objects.filter(title__endswith="batch task", is_pending=False).count() == 2
