"""In a real Chromium: the "Remind me" box loads my reminders, fills a quick time, adds and removes one."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from conftest import browser_log_in, page_fits
from followup.reminders.models import Reminder

pytestmark = [pytest.mark.browser]




def test_quick_time_then_add_then_remove(page, world):
    world.alice.time_zone = "Europe/Warsaw"
    world.alice.save()
    task = world.task("Call ACME")
    browser_log_in(page, "alice")

    page.goto(f"/tasks/{task.pk}/")
    page.click(".reminder-add button.chip:has-text('Tomorrow 9:00')")  # loaded by htmx
    tomorrow = (timezone.localtime(timezone=ZoneInfo("Europe/Warsaw")) + dt.timedelta(days=1)).date()
    assert page.input_value(f"#rem-task-{task.pk}-date") == tomorrow.strftime("%d/%m/%Y")
    assert page.input_value(f"#rem-task-{task.pk}-time") == "09:00"
    page.fill(".reminder-add input[name=note]", "Ask for the PO")
    page.click(".reminder-add button:has-text('Add reminder')")
    page.wait_for_url(f"**/tasks/{task.pk}/")
    item = page.locator(".reminder-items li")
    item.wait_for()
    assert "Ask for the PO" in item.inner_text()
    reminder = Reminder.objects.get()
    local = reminder.remind_at.astimezone(ZoneInfo("Europe/Warsaw"))
    assert (local.hour, local.minute) == (9, 0) and reminder.is_active

    page.click(".reminder-items button:has-text('Remove')")
    page.wait_for_url(f"**/tasks/{task.pk}/")
    page.locator(".quick-times").wait_for()
    assert page.locator(".reminder-items li").count() == 0
    reminder.refresh_from_db()
    assert not reminder.is_active


def test_a_fired_reminder_is_armed_again_from_the_reminders_page(page, world):
    from followup.reminders.services import reminder_create, reminders_fire_due

    task = world.task("Call ACME")
    reminder = reminder_create(actor=world.alice, target_type="task", target_id=task.pk, remind_at=timezone.now())
    reminders_fire_due()
    browser_log_in(page, "alice")
    page.goto("/reminders/")
    page.click("summary:has-text('Remind me again')")
    assert page_fits(page)
    page.click(".snooze-menu button:has-text('In an hour')")
    page.wait_for_url("**/reminders/")
    page.locator(".toast").first.wait_for()
    reminder.refresh_from_db()
    assert reminder.is_active and reminder.fired_at is None and reminder.remind_at > timezone.now()
