"""D8 + D9 end to end in a real browser at 1280 and 375 px, from the Settings navigation: an
administrator builds a form that moves new customers to Prospect and a rule for Prospect that
goes round-robin over a team (B2); a visitor (logged out) fills in the public form; the rule's
task is in the assignee's My pending list, marked as made by a rule, and its page names the rule."""

import pytest

from conftest import browser_log_in, browser_log_out, browser_shot, page_fits
from followup.accounts.teams import team_create
from followup.automation.queue import events_process

pytestmark = pytest.mark.browser


def settings_page(page, label: str) -> None:
    page.goto("/settings/")
    page.locator(".settings-nav").get_by_role("link", name=label, exact=True).click()


def build_form(page) -> None:
    settings_page(page, "Forms")
    page.click("text=New form")
    page.fill("#id_name", "Contact us")
    page.select_option("#id_stage", "prospect")
    page.uncheck("input[name=make_task]")  # the rule makes the task
    page.click("text=Save form")
    page.wait_for_selector("text=Embed it in your website")


def build_rule(page, world) -> None:
    inbound = team_create(actor=world.adam, name="Inbound", member_ids=[world.alice.pk])
    settings_page(page, "Automation rules")
    page.click("text=New rule")
    page.fill("#id_name", "Prospect → call within 2 days")
    page.select_option("#id_stage", "prospect")
    page.fill("#id_title", "Call {customer}")
    page.fill("#id_due_days", "2")
    page.select_option("#id_assign_to", "team_round_robin")
    page.select_option("#id_assign_team", str(inbound.pk))
    assert page_fits(page)
    browser_shot(page, "settings-rule-form")
    page.click("text=Save rule")
    page.wait_for_selector("text=Customers already in the stage")
    assert "Round-robin over a team: Inbound" in page.locator(".rule-summary").text_content()  # hidden on phones
    assert page.locator(".settings-nav a.active").inner_text() == "Automation rules"
    assert page_fits(page)
    browser_shot(page, "settings-rule-detail")


def test_a_form_and_a_rule_built_in_settings_make_the_task_of_a_visitors_submission(world, page):
    browser_log_in(page, "adam")
    build_form(page)
    build_rule(page, world)

    browser_log_out(page)
    page.goto("/f/contact-us")
    page.fill("#id_name", "Elena Marsh")
    page.fill("#id_email", "elena@example.org")
    page.click("text=Send")
    page.wait_for_selector("text=Thank you!")
    events_process()  # the worker's turn

    browser_log_in(page, "alice")
    row = page.locator(".task-list > tbody > tr", has_text="Call Elena Marsh")
    assert row.locator(".source-label").inner_text() == "Automation rule"
    assert page_fits(page)
    browser_shot(page, "settings-flow-my-pending")
    row.get_by_role("link", name="Call Elena Marsh").click()
    page.wait_for_selector("text=Created by the rule “Prospect → call within 2 days”")
    assert page_fits(page)


def test_customers_move_to_a_stage_in_bulk_from_the_list(world, page):
    for name in ("Vans Ltd", "Trucks SA", "Bikes AG"):
        world.customer(name)
    browser_log_in(page, "alice")
    page.goto("/customers/")
    page.get_by_label("Choose Vans Ltd").check()
    page.get_by_label("Choose Bikes AG").check()
    page.select_option("#batch-stage", "prospect")
    assert page_fits(page)
    browser_shot(page, "customers-bulk-stage")
    page.click("text=Move to stage")
    page.wait_for_selector("text=2 customers moved to Prospect.")
    assert page.locator("tr", has_text="Vans Ltd").locator(".tag").inner_text() == "Prospect"
    assert page.locator("tr", has_text="Trucks SA").locator(".tag").inner_text() == "Lead"
