"""L3, L4 in a real browser at 1280 and 375 px: an administrator builds a three-task template in
Settings and makes it the lost template of the sales process; a member applies it on a deal's
page and the deal shows its three tasks, each due its delay after today."""

import datetime as dt

import pytest

from conftest import browser_log_in, browser_log_out, browser_shot, page_fits
from followup.deals.services import deal_create

pytestmark = pytest.mark.browser

LINES = [("Welcome call", "1"), ("Send the guide", "3"), ("Kick-off meeting", "7")]


def test_a_three_task_template_applied_to_a_deal(world, page):
    customer = world.customer("Elena Marsh", owner=world.alice)
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Fleet renewal")
    browser_log_in(page, "adam")

    page.goto("/automation/templates/new/")
    page.fill("#id_name", "Onboarding")
    for n, (title, delay) in enumerate(LINES[:2]):
        page.fill(f"#id_item_{n}_title", title)
        page.fill(f"#id_item_{n}_delay", delay)
    assert page_fits(page)
    browser_shot(page, "template-form")
    page.click("text=Save template")
    page.wait_for_selector("text=Template “Onboarding” saved.")
    page.click("#template-list a.row-name >> text=Onboarding")
    page.fill("#id_item_2_title", LINES[2][0])
    page.fill("#id_item_2_delay", LINES[2][1])
    page.click("text=Save template")
    page.wait_for_selector("text=after 7 days")
    assert page_fits(page)
    browser_shot(page, "template-list")

    page.goto(f"/settings/sales-processes/{deal.process_id}/")
    page.select_option("#id_lost_template_id", label="Onboarding")
    page.click("#post-sale button[type=submit]")
    page.wait_for_selector("text=Post-sale tasks saved.")
    assert page.locator("#id_won_template_id option:checked").inner_text() == "Post-sale care"
    assert page_fits(page)
    browser_shot(page, "post-sale")

    browser_log_out(page)
    browser_log_in(page, "alice")
    page.goto(f"/deals/{deal.pk}/")
    page.select_option("#id_template_deal_id", label="Onboarding (3 tasks)")
    assert page_fits(page)
    page.click("text=Apply template")
    page.wait_for_selector("text=3 tasks created from the template.")
    today = dt.date.today()
    rows = page.locator("li.deal-task")
    assert rows.count() == 3
    for i, (title, delay) in enumerate(LINES):
        due = today + dt.timedelta(days=int(delay))
        assert title in rows.nth(i).inner_text()
        assert rows.nth(i).locator(".deal-task-due").inner_text() == f"{due.day} {due:%b %Y}"
    assert page_fits(page)
    browser_shot(page, "template-applied")


def working_days_after(day: dt.date, n: int) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    for _ in range(n):
        day += dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
    return day


def test_winning_a_deal_brings_the_post_sale_tasks(world, page):
    """L1 + L4: the default "Post-sale care" of a new organization, applied once the worker acts."""
    from followup.automation.queue import events_process

    customer = world.customer("Elena Marsh", owner=world.alice)
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Fleet renewal")
    browser_log_in(page, "alice")
    page.goto(f"/deals/{deal.pk}/")

    page.click("#deal-state button.btn-won")
    page.wait_for_selector("#deal-state button:has-text('Reopen')")
    assert events_process() == 1
    page.reload()

    rows = page.locator("li.deal-task")
    assert rows.count() == 4
    first = working_days_after(dt.date.today(), 1)
    assert "Thank the customer for the order" in rows.nth(0).inner_text()
    assert rows.nth(0).locator(".deal-task-due").inner_text() == f"{first.day} {first:%b %Y}"
    assert page_fits(page)
    browser_shot(page, "post-sale-tasks")
