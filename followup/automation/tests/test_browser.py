"""D8 in a real browser at 1280 and 375 px: an administrator builds a rule; a customer enters its
stage; the task is in the assignee's My pending list and its page names the rule."""

import pytest

from conftest import browser_log_in, browser_log_out, browser_shot, page_fits
from followup.automation.queue import events_process
from followup.customers.models import Stage
from followup.customers.services import customer_update

pytestmark = pytest.mark.browser


def test_an_administrator_builds_a_rule_and_it_makes_the_task(world, page):
    customer = world.customer("Elena Marsh", owner=world.alice)
    browser_log_in(page, "adam")

    page.goto("/automation/rules/new/")
    page.fill("#id_name", "Prospect → call within 2 days")
    page.select_option("#id_stage", "prospect")
    page.fill("#id_title", "Call {customer}")
    page.fill("#id_due_days", "2")
    assert page_fits(page)
    browser_shot(page, "rule-form")
    page.click("text=Save rule")
    page.wait_for_selector("text=Customers already in the stage")
    assert page_fits(page)
    browser_shot(page, "rule-detail")

    customer_update(actor=world.bob, customer_id=customer.pk, stage=Stage.PROSPECT)
    events_process()
    browser_log_out(page)
    browser_log_in(page, "alice")
    page.click("text=Call Elena Marsh")
    page.wait_for_selector("text=Created by the rule “Prospect → call within 2 days”")
    assert page_fits(page)
    browser_shot(page, "rule-task")
