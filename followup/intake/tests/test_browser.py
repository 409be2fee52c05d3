"""D9 in a real browser at 1280 and 375 px: an administrator builds a form, a visitor (logged
out) fills in its public page, and the task is in the assignee's My pending list naming the form."""

import pytest
from playwright.sync_api import expect

from conftest import browser_log_in, browser_log_out, browser_shot, page_fits

pytestmark = pytest.mark.browser


def test_an_administrator_builds_a_form_and_a_visitor_makes_the_task(world, page):
    browser_log_in(page, "adam")
    page.goto("/automation/forms/new/")
    page.fill("#id_name", "Contact us")
    page.check("input[name=use_phone]")
    page.fill("#id_task_title", "Reply to {customer}")
    page.select_option("#id_assign_to", "fixed")
    person = page.locator("#id_assign_user")  # the people picker: found as one types
    person.press_sequentially("alice", delay=0)
    person.press("Enter")
    expect(person).to_have_value("Alice Archer")
    assert page_fits(page)
    browser_shot(page, "form-builder")
    page.click("text=Save form")
    page.wait_for_selector("text=Embed it in your website")
    assert page_fits(page)
    browser_shot(page, "form-submissions")

    browser_log_out(page)
    page.goto("/f/contact-us")
    page.fill("#id_name", "Elena Marsh")
    page.fill("#id_email", "elena@example.org")
    page.fill("#id_notes", "Please call me about the offer.")
    assert page_fits(page)
    browser_shot(page, "form-public")
    page.click("text=Send")
    page.wait_for_selector("text=Thank you!")
    browser_shot(page, "form-thanks")

    browser_log_in(page, "alice")
    page.click("text=Reply to Elena Marsh")
    page.wait_for_selector("text=Created by the form “Contact us”")
    assert page_fits(page)
    browser_shot(page, "form-task")
