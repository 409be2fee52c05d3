"""Settings in a real browser, at 1280 and 375 px: every page fits the screen (no sideways
scrolling), and an administrator invites a newcomer who then signs in through the e-mail's link."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, browser_log_in, browser_log_out, browser_shot, page_fits
from followup.accounts.models import User
from followup.accounts.teams import team_create
from followup.deals.models import SalesProcess
from followup.notifications.models import OutboxEmail
from followup.tasks.models import TaskStatus

pytestmark = [pytest.mark.browser]


def test_every_settings_page_fits_and_reads_well(page, world):
    team = team_create(actor=world.adam, name="Inbound leads", member_ids=[world.alice.pk, world.bob.pk])
    world.tasks(3, assignees=[world.alice])
    process = SalesProcess.objects.get(organization=world.org)
    status = TaskStatus.objects.get(organization=world.org, name="Not Started")
    browser_log_in(page, "adam")
    for name, url in [
        ("settings-general", "/settings/"), ("settings-people", "/settings/people/"),
        ("settings-person", f"/settings/people/{world.alice.pk}/"), ("settings-departments", "/settings/departments/"),
        ("settings-department", f"/settings/departments/{world.sales.pk}/"), ("settings-teams", "/settings/teams/"),
        ("settings-team", f"/settings/teams/{team.pk}/"), ("settings-task-types", "/settings/task-types/"),
        ("settings-task-statuses", f"/settings/task-statuses/?edit={status.pk}"),
        ("settings-status-move", f"/settings/task-statuses/{status.pk}/move/"),
        ("settings-processes", "/settings/sales-processes/"),
        ("settings-process", f"/settings/sales-processes/{process.pk}/"),
    ]:
        page.goto(url)
        expect(page.locator("h1").first, url).to_be_visible()
        browser_shot(page, name)
        assert page_fits(page), url


def test_an_invited_person_chooses_a_password_and_is_signed_in(page, world):
    browser_log_in(page, "adam")
    page.goto("/settings/people/")
    page.fill("#id_email", "nina@example.com")
    page.fill("#id_first_name", "Nina")
    page.fill("#id_last_name", "Novak")
    page.select_option("#id_department", label="Sales")
    page.click("button:has-text('Send invitation')")
    page.wait_for_url("**/settings/people/*/")
    assert "Invitation sent to nina@example.com" in page.locator(".toasts").inner_text()
    [email] = OutboxEmail.objects.filter(to="nina@example.com")
    link = re.search(r"http\S+/welcome/\S+/", email.body).group(0)
    browser_log_out(page)
    page.goto(urlsplit(link).path)  # the live server's address, not FOLLOWUP_BASE_URL's
    browser_shot(page, "settings-welcome")
    assert page_fits(page)
    page.fill("#id_password", PASSWORD)
    page.fill("#id_password_again", PASSWORD)
    page.click("button:has-text('Save and sign in')")
    page.wait_for_url("**/tasks/")
    assert "Welcome to Acme Sales, Nina" in page.locator(".toasts").inner_text()
    assert User.objects.get(username="nina@example.com").department == world.sales
