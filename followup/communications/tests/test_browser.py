"""A3, A5 in a real browser at 1280 and 375 px: on the task page, call the customer, log the
outcome and see it in the task page's communication timeline and on the customer's History;
reschedule by a day in one step."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from conftest import browser_log_in, browser_shot, page_fits
from followup.tasks.models import Task
from followup.tasks.selectors import today_for

pytestmark = pytest.mark.browser


def test_log_a_call_outcome_and_see_it_on_the_customers_history(world, page):
    customer = world.customer("Elena Marsh", phone="+48 600 100 200", email="elena@example.com")
    task = world.task("Call Elena about the offer", customer=customer, due_date=today_for(world.alice))
    browser_log_in(page, "alice")

    page.goto(f"/tasks/{task.pk}/")
    expect(page.locator("a[href^='tel:']").first).to_be_visible()
    page.get_by_text("Log the outcome").click()
    page.get_by_label("Left a message").check()
    page.locator("textarea[name=note]").first.fill("Voicemail, she calls back tomorrow")
    assert page_fits(page)
    browser_shot(page, "task-processing")
    page.get_by_role("button", name="Save the outcome").click()
    page.get_by_text("Outcome logged: Left a message.").wait_for()
    page.locator(".task-communication").get_by_text("Voicemail, she calls back tomorrow").wait_for()

    page.get_by_role("button", name="+1 day").click()
    page.get_by_text("is now due").wait_for()
    assert Task.objects.get(pk=task.pk).due_date == today_for(world.alice) + dt.timedelta(days=1)

    page.goto(f"/customers/{customer.pk}/history/")
    page.get_by_text("Voicemail, she calls back tomorrow").wait_for()
    expect(page.get_by_text("Left a message").first).to_be_visible()
    assert page_fits(page)
    browser_shot(page, "customer-history-call")
