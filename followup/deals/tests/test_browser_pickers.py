"""Issue 13 §1.1 in a real Chromium at 1280 and 375 px: an organization with 250 customers
makes a deal for its 201st and later customers (the old form listed the first 200), found by
typing, and from the customer's own deal list. FOLLOWUP_SHOTS_DIR saves screenshots."""

import pytest
from playwright.sync_api import expect

from conftest import browser_log_in, browser_shot, page_fits
from followup.customers.models import Customer
from followup.deals.models import Deal

pytestmark = [pytest.mark.browser]


@pytest.fixture
def customers(world):
    Customer.objects.bulk_create(Customer(organization=world.org, name=f"Customer {i:03}",
                                          email=f"buyer{i:03}@example.com") for i in range(1, 251))
    return {c.name: c for c in Customer.objects.filter(organization=world.org)}


def test_a_deal_for_the_201st_customer_of_250(page, world, customers):
    browser_log_in(page, "alice")
    page.goto("/deals/")
    box = page.locator("#id_customer")
    box.press_sequentially("Customer 24", delay=0)
    page.locator("#id_customer-list [role=option]", has_text="Customer 249").wait_for()
    assert page.locator("#id_customer-list [role=option]").count() == 10  # 240 to 249
    browser_shot(page, "new-deal-customer-picker")
    assert page_fits(page)
    box.fill("")
    box.press_sequentially("customer 201", delay=0)
    box.press("Enter")
    expect(box).to_have_value("Customer 201")
    page.fill("#id_title", "Renewal 2027")
    page.fill("#id_amount", "1200")
    page.click("button:has-text('Create deal')")
    page.wait_for_url("**/deals/*/")
    assert Deal.objects.get(title="Renewal 2027").customer == customers["Customer 201"]


def test_the_customer_filter_starts_the_form_with_that_customer(page, world, customers):
    browser_log_in(page, "alice")
    page.goto(f"/deals/?customer={customers['Customer 250'].pk}")
    expect(page.locator("#id_customer")).to_have_value("Customer 250")
    page.fill("#id_title", "Pilot")
    page.click("button:has-text('Create deal')")
    page.wait_for_url("**/deals/*/")
    assert Deal.objects.get(title="Pilot").customer == customers["Customer 250"]
