"""In a real Chromium: the "Remind me" box loads my reminders, fills a quick time, adds and removes one."""

from zoneinfo import ZoneInfo

import pytest

from conftest import browser_log_in
from followup.reminders.models import Reminder

pytestmark = [pytest.mark.browser]




def test_quick_time_then_add_then_remove(page, world):
    world.alice.time_zone = "Europe/Warsaw"
    world.alice.save()
    task = world.task("Call ACME")
    browser_log_in(page, "alice")

    page.goto(f"/tasks/{task.pk}/")
    page.click(".reminder-add button.chip:has-text('Tomorrow 9:00')")  # loaded by htmx
    field = f"#rem-at-task-{task.pk}"
    assert page.input_value(field).endswith("T09:00")
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
