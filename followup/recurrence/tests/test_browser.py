"""B3 in a real browser at 1280 and 375 px: New Task with Repeat, the rule in words on the task
page, completing it brings the next occurrence, "this and following" changes the rule, and Stop
repeating."""

import pytest
from playwright.sync_api import expect

from conftest import browser_log_in, browser_shot, page_fits
from followup.recurrence.models import Series
from followup.tasks.models import Source, Task

pytestmark = pytest.mark.browser


def test_a_repeating_task_is_made_shown_continued_and_stopped(world, page):
    customer = world.customer("Harbor Logistics")
    browser_log_in(page, "alice")

    page.goto(f"/tasks/new/?customer={customer.pk}")
    page.fill("#id_title", "Fortnightly report")
    page.fill("#id_due_date", "22/03/2027")
    expect(page.locator("#id_repeat_every")).to_be_hidden()  # the parts show once it repeats
    page.select_option("#id_repeat", "WEEKLY")
    expect(page.locator("#id_repeat_count")).to_be_hidden()
    expect(page.locator("input[name=repeat_days]").first).to_be_visible()
    page.fill("#id_repeat_every", "2")
    page.check("input[name=repeat_days][value=MO]")
    page.check("input[name=repeat_ends][value=count]")
    page.fill("#id_repeat_count", "6")
    assert page_fits(page)
    browser_shot(page, "repeat-new")
    page.click("text=Create task")
    page.wait_for_selector("text=created")

    task = Task.objects.get(title="Fortnightly report")
    page.goto(f"/tasks/{task.pk}/")
    page.wait_for_selector("text=Every 2 weeks on Monday, 6 times")
    assert page_fits(page)
    browser_shot(page, "repeat-task-page")

    page.click(".head-actions >> text=Complete")
    page.wait_for_load_state()
    made = Task.objects.get(source=Source.RECURRENCE)
    page.goto(f"/tasks/{made.pk}/")
    page.wait_for_selector("text=Repeats: Every 2 weeks on Monday, 6 times")

    page.goto(f"/tasks/{made.pk}/edit/")
    page.select_option("#id_repeat", "DAILY")
    page.fill("#id_repeat_every", "1")
    page.check("input[name=repeat_ends][value=never]")
    page.check("input[name=repeat_scope][value=following]")
    assert page_fits(page)
    browser_shot(page, "repeat-edit")
    page.click("text=Save changes")
    page.wait_for_selector(".repeat-card >> text=Every day")

    page.click("text=Stop repeating")
    page.wait_for_selector("text=The task no longer repeats.")
    assert not Series.objects.filter(ended_at__isnull=True).exists()
    browser_shot(page, "repeat-stopped")
    assert page_fits(page)
