"""A1 and A6 in a real browser at 1280 and 375 px: an administrator makes a birthday trigger in
Settings, creates the passed day's task from its preview, and the task is on the owner's list
with its origin; the escalation thresholds page takes a threshold."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_log_in, browser_log_out, browser_shot, page_fits
from followup.datetriggers.firing import triggers_run_all

pytestmark = pytest.mark.browser


def test_an_administrator_makes_a_birthday_trigger_and_its_tasks_appear(world, page):
    today = timezone.now().date()
    world.customer("Elena Marsh", owner=world.alice, birthday=(today + dt.timedelta(days=1)).replace(year=1980))
    world.customer("Jan Nowak", owner=world.alice, birthday=(today + dt.timedelta(days=3)).replace(year=1980))
    browser_log_in(page, "adam")

    page.goto("/automation/date-triggers/new/")
    page.fill("#id_name", "Birthday call")
    page.fill("#id_days_before", "3")
    page.fill("#id_title", "Birthday call: {customer}")
    assert page_fits(page)
    browser_shot(page, "trigger-form")
    page.click("text=Save trigger")
    page.wait_for_selector("text=Trigger days already passed")
    expect(page.locator("#preview").get_by_text("Elena Marsh")).to_be_visible()
    assert page_fits(page)
    browser_shot(page, "trigger-detail")
    page.click("text=Create 1 task now")
    page.wait_for_selector("text=1 task(s) created.")
    triggers_run_all()  # the scheduler's run: today is Jan's trigger day

    page.goto("/settings/")
    page.select_option("#id_org_time_zone", "Europe/Warsaw")
    page.click("text=Save time zone")
    page.wait_for_selector("text=Time zone saved.")
    assert page_fits(page)
    browser_shot(page, "general-time-zone")

    page.goto("/automation/escalations/")
    page.fill("#id_amount", "2")
    page.select_option("select[name=unit]", "days")
    page.click("button:has-text('Add')")
    page.wait_for_selector("text=Escalation saved.")
    assert page_fits(page)
    browser_shot(page, "escalations")

    browser_log_out(page)
    browser_log_in(page, "alice")
    expect(page.get_by_text("Birthday call: Jan Nowak").first).to_be_visible()
    page.click("text=Birthday call: Elena Marsh")
    page.wait_for_selector("text=Created by the date trigger “Birthday call”")
    assert page_fits(page)
    browser_shot(page, "trigger-task")
