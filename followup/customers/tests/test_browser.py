"""In a real Chromium at 1280 and 375 px: the customer's History tab and the deal page render
without overflowing the phone's width, a stage button moves the deal in place (htmx), and the
edit form's stage field follows the sales process chosen (htmx).
FOLLOWUP_SHOTS_DIR saves screenshots."""


import pytest
from django.contrib.contenttypes.models import ContentType

from conftest import browser_log_in, browser_shot, page_fits
from followup.chat.models import Attachment, Message
from followup.chat.services import message_post
from followup.customers.services import customer_update
from followup.deals.models import Deal
from followup.deals.processes import sales_process_add
from followup.deals.services import deal_create, deal_set_stage
from followup.deals.tests.test_services import sid
from followup.tasks.services import note_add, task_complete

pytestmark = [pytest.mark.browser]









def test_history_and_deal_pages_render_fit_and_move_stages(page, world):
    customer = world.customer("ACME Corporation", email="buyer@acme.test", phone="+1 555 0100")
    call = world.task("Call about the renewal terms and the new price list", customer=customer)
    note_add(actor=world.bob, task_id=call.pk, body="Spoke to the CFO.\nThey want a 10% discount for two years.")
    message = message_post(actor=world.alice, kind="task", object_id=call.pk, body="Who prepares the offer?")
    Attachment.objects.create(message=message, file="chat/x/price-list-2027-final-version.pdf",
                              name="price-list-2027-final-version.pdf", size=48_213,
                              content_type="application/pdf", sha256="0" * 64)
    task_complete(actor=world.alice, task_id=call.pk)
    world.task("Send the offer", customer=customer, assignees=[world.bob])
    partners = sales_process_add(actor=world.adam, name="Partners", stages=["Intro", "Pilot"])
    deal = deal_create(actor=world.bob, customer_id=customer.pk, title="Renewal 2027", amount="12500")
    deal_set_stage(actor=world.bob, deal_id=deal.pk, stage_id=sid(world, "Proposal"))
    Message.objects.create(organization=world.org, content_type=ContentType.objects.get_for_model(Deal),
                           object_id=deal.pk, author=world.carol, body="Approved up to 8%.")
    customer_update(actor=world.carol, customer_id=customer.pk, stage="prospect")

    browser_log_in(page, "alice")

    page.goto(f"/customers/{customer.pk}/history/")
    assert page.locator(".feed-item").count() == 9
    assert page.locator(".feed-stage_change .feed-line").inner_text() == (
        "Carol Cole moved the customer from Lead to Prospect")
    browser_shot(page, "customer-history")
    assert page_fits(page)

    page.goto(f"/deals/{deal.pk}/")
    page.click(f"button.pipeline-step[value='{sid(world, 'Negotiation')}']")
    page.wait_for_selector(f"button.pipeline-step.is-current[value='{sid(world, 'Negotiation')}']")
    assert "from “Proposal” to “Negotiation”" in page.locator("#deal-changes").inner_text()
    assert page.url.endswith(f"/deals/{deal.pk}/")  # swapped in place, not reloaded
    browser_shot(page, "deal-detail")
    assert page_fits(page)

    page.goto(f"/deals/{deal.pk}/edit/")
    browser_shot(page, "deal-edit")
    assert page_fits(page)
    page.select_option("#id_process", str(partners.pk))
    page.wait_for_selector(f"#id_stage option[value='{sid(world, 'Pilot')}']", state="attached")
    page.click("form.form-card button[type=submit]")
    page.wait_for_url(f"**/deals/{deal.pk}/")
    assert page.locator("button.pipeline-step.is-current").inner_text() == "Intro"
    page.goto("/deals/")
    browser_shot(page, "deal-list")
    assert page_fits(page)
    page.goto(f"/customers/{customer.pk}/")
    browser_shot(page, "customer-tasks")
    assert page_fits(page)
