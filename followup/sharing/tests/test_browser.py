"""L7, B1 in a real Chromium at 1280 and 375 px: share with a colleague from the profile, per
type, and make a feed address. FOLLOWUP_SHOTS_DIR saves screenshots."""

import pytest
from playwright.sync_api import expect

from conftest import browser_log_in, browser_shot, page_fits
from followup.sharing.models import Grant, Level

pytestmark = [pytest.mark.browser]


def test_share_per_type_and_make_a_feed_address(page, world, types):
    browser_log_in(page, "alice")
    page.goto("/profile/")
    page.get_by_role("link", name="Share tasks and calendar").click()
    page.wait_for_url("**/profile/sharing/")
    page.locator("#id_grantee").press_sequentially("Bob", delay=0)
    page.locator("#id_grantee-list [role=option]").first.wait_for()
    page.locator("#id_grantee").press("Enter")
    page.select_option("#share-new-level", str(Level.READ))
    page.locator("details summary").last.click()
    page.select_option(f"#share-new-type-{types['Project'].pk}", str(Level.FULL))
    browser_shot(page, "sharing-form")
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.get_by_role("heading", name="Bob Baker")).to_be_visible()
    assert set(Grant.objects.values_list("task_type", "level")) == {(None, Level.READ),
                                                                   (types["Project"].pk, Level.FULL)}
    page.get_by_role("button", name="Create feed address").click()
    expect(page.locator("#feed-url-tasks")).to_be_visible()
    assert "/calendar-feeds/" in page.locator("#feed-url-tasks").input_value()
    assert page_fits(page)
    browser_shot(page, "sharing-page")
