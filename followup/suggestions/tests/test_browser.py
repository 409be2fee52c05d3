"""L2 in a real browser at 1280 and 375 px: completing an E-mail task from the list shows the
Phone call proposal under its row, and accepting it creates the task; on the task page the
proposal can be edited first."""

import pytest
from playwright.sync_api import expect

from conftest import browser_log_in, browser_shot, page_fits
from followup.tasks.models import Source, Task

pytestmark = pytest.mark.browser


def test_completing_an_email_task_proposes_a_call_and_accepting_creates_it(world, page, types):
    world.task("Send the offer", customer=world.customer("Elena Marsh"), type_id=types["mail"].pk)
    browser_log_in(page, "alice")

    page.get_by_role("button", name="Complete: Send the offer").click()
    proposal = page.locator("tr.suggestion-row")
    proposal.get_by_text("Call Elena Marsh").wait_for()
    assert page_fits(page)
    browser_shot(page, "suggestion-row")
    proposal.locator("[data-accept]").click()
    page.get_by_role("status").get_by_text("Call Elena Marsh").wait_for()

    made = Task.objects.get(source=Source.SUGGESTION)
    assert (made.title, made.type_id, made.customer.name) == ("Call Elena Marsh", types["phone"].pk, "Elena Marsh")
    page.get_by_role("status").get_by_role("link").click()
    page.get_by_text("Proposed after completing “Send the offer”").wait_for()


def test_edit_first_on_the_task_page(world, page, types):
    task = world.task("Send the offer", customer=world.customer("Elena Marsh"), type_id=types["mail"].pk)
    browser_log_in(page, "alice")

    page.goto(f"/tasks/{task.pk}/")
    page.get_by_role("button", name="Complete").first.click()
    page.get_by_text("Next task?").wait_for()
    page.get_by_text("Edit first").click()
    page.locator("[data-suggestion] input[name=title]").fill("Call Elena about the offer")
    assert page_fits(page)
    browser_shot(page, "suggestion-task-page")
    page.locator("[data-suggestion] [data-accept]").click()
    page.get_by_role("status").get_by_text("Call Elena about the offer").wait_for()

    assert Task.objects.get(source=Source.SUGGESTION).title == "Call Elena about the offer"


def test_an_administrator_sets_the_next_task_of_a_type_in_settings(world, page, types):
    browser_log_in(page, "adam")

    page.goto("/settings/task-types/")
    page.get_by_role("link", name="Next tasks").click()
    row = page.locator(f"#next-{types['offer'].pk}")
    row.get_by_text("Set a next task").click()
    row.locator("select[name=next_type_id]").select_option(str(types["phone"].pk))
    row.locator("input[name=title]").fill("Ask {customer} about the offer")
    row.locator("input[name=delay_days]").fill("3")
    assert page_fits(page)
    browser_shot(page, "next-task-settings")
    row.get_by_role("button", name="Save").click()
    page.get_by_text("Next task saved.").wait_for()

    saved = page.locator(f"#next-{types['offer'].pk}")
    expect(saved.get_by_text("Proposes “Ask {customer} about the offer”")).to_be_visible()
