"""Issue 13 §1.1, §1.13 in a real Chromium at 1280 and 375 px: the pickers and date fields of the
customer, deal, memo and project forms fit the screen and post what was chosen; a Polish reader
types dates as 06.11.2026 and reads the calendar in Polish. FOLLOWUP_SHOTS_DIR saves screenshots."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from conftest import browser_log_in, browser_shot, page_fits
from followup.customers.models import Customer
from followup.deals.services import deal_create
from followup.memos.models import Memo
from followup.memos.services import memo_create
from followup.projects.models import Project
from followup.tasks.models import Task

pytestmark = [pytest.mark.browser]


def pick(page, box: str, text: str, expected: str) -> None:
    """Type fast and press Enter: a single box shows the choice, a people box gains its chip."""
    page.locator(box).press_sequentially(text, delay=0)
    page.locator(box).press("Enter")
    combo = page.locator("[data-combobox]", has=page.locator(box))
    if combo.get_attribute("data-multiple") is None:
        expect(page.locator(box)).to_have_value(expected)
    else:
        expect(combo.locator(".combo-chip span", has_text=expected)).to_be_visible()


def test_customer_form_owner_company_and_dates(page, world):
    world.customer("Globex Holding", kind="company")
    browser_log_in(page, "alice")
    page.goto("/customers/new/")
    page.fill("#id_name", "Jan Kowalski")
    page.locator("[data-combo-clear]").first.click()  # the owner starts as me: clear it
    pick(page, "#id_owner", "carol", "Carol Cole")
    pick(page, "#id_company", "glob", "Globex Holding")
    page.fill("#id_birthday", "29/02/1990")
    browser_shot(page, "customer-form")
    assert page_fits(page)
    page.click("button:has-text('Create customer')")
    expect(page.locator("#err-birthday")).to_contain_text("29 February 1990 does not exist.")  # a new page: wait
    expect(page.locator("#id_owner")).to_have_value("Carol Cole")  # the choices survive the error
    page.fill("#id_birthday", "28/02/1990")
    page.click("button:has-text('Create customer')")
    page.wait_for_url("**/customers/*/")
    jan = Customer.objects.get(name="Jan Kowalski")
    assert (jan.owner, jan.company.name, jan.birthday) == (world.carol, "Globex Holding", dt.date(1990, 2, 28))


def test_memo_form_recipient_and_subscribers(page, world):
    browser_log_in(page, "alice")
    page.goto("/memos/new/")
    page.fill("#id_title", "Budget 2027")
    pick(page, "#id_recipient", "carol", "Carol Cole")
    pick(page, "#id_subscribers", "oscar", "Oscar Ortiz")
    pick(page, "#id_subscribers", "adam", "Adam Admin")
    browser_shot(page, "memo-form")
    assert page_fits(page)
    page.click("button:has-text('Send')")
    page.wait_for_url("**/memos/*/")
    memo = Memo.objects.get(title="Budget 2027")
    assert memo.recipient == world.carol
    assert sorted(u.username for u in memo.subscribers.all()) == ["adam", "oscar"]


def test_project_task_with_people_and_a_polish_date(page, world):
    project = Project.objects.create(organization=world.org, owner=world.alice, name="Targi")
    page.context.set_extra_http_headers({"Accept-Language": "pl"})
    browser_log_in(page, "alice")
    page.goto(f"/projects/{project.pk}/")
    due = page.locator("#id_due")
    assert due.get_attribute("placeholder") == "DD.MM.RRRR"
    page.fill("#id_title", "Zamówić stoisko")
    pick(page, "#id_assignees", "bob", "Bob Baker")
    page.click("[data-date-open]")
    calendar = page.locator(".datepicker")
    expect(calendar.locator(".datepicker-title")).to_contain_text(str(dt.date.today().year))
    assert calendar.locator("th").first.get_attribute("abbr") == "poniedziałek"
    browser_shot(page, "project-add-task-pl")
    assert page_fits(page)
    page.keyboard.press("Escape")
    due.fill("31.12.2026")
    page.locator("form[action$='/tasks/'] button[type=submit]").click()
    page.wait_for_url(f"**/projects/{project.pk}/")
    task = Task.objects.get(title="Zamówić stoisko")
    assert task.due_date == dt.date(2026, 12, 31) and [u.username for u in task.assignees.all()] == ["bob"]


def test_every_form_with_a_picker_fits_the_screen_with_its_list_open(page, world):
    task = world.task("Call back", assignees=[world.alice, world.bob])
    deal = deal_create(actor=world.alice, customer_id=task.customer_id, title="Renewal")
    memo = memo_create(actor=world.alice, title="Budget", recipient_id=world.bob.pk)
    project = Project.objects.create(organization=world.org, owner=world.alice, name="Fair")
    browser_log_in(page, "alice")
    for name, url, box in [
        ("task-edit", f"/tasks/{task.pk}/edit/", "#id_subscribers"),
        ("deal-edit", f"/deals/{deal.pk}/edit/", "#id_owner"),
        ("memo-make-task", f"/memos/{memo.pk}/task/", "#id_assignees"),
        ("project-list", "/projects/", "#id_members"),
        ("project-edit", f"/projects/{project.pk}/edit/", "#id_subscribers"),
    ]:
        page.goto(url)
        page.locator(box).press_sequentially("a")
        page.locator(f"{box}-list [role=option]").first.wait_for()
        browser_shot(page, name)
        assert page_fits(page), name
