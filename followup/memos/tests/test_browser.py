"""In a real Chromium at 1280 and 375 px: the memo, project and deal pages render, the J20 button
carries its status tooltip, and nothing overflows the phone's width. FOLLOWUP_SHOTS_DIR saves screenshots."""

import datetime as dt

import pytest

from conftest import browser_log_in, browser_shot, page_fits
from followup.deals.services import deal_create
from followup.memos import services
from followup.projects.services import project_create, project_task_create

pytestmark = [pytest.mark.browser]











def test_memo_project_and_deal_pages_render_and_fit(page, world):
    deal = deal_create(actor=world.alice, customer_id=world.customer().pk, title="Renewal 2027", amount="12500")
    memo = services.memo_create(actor=world.alice, title="Discount for ACME renewal", body="They ask for 10%.",
                                recipient_id=world.bob.pk, subscriber_ids=[world.oscar.pk], deal_id=deal.pk,
                                send=True)
    services.memo_create(actor=world.alice, title="Draft idea", recipient_id=world.carol.pk)
    task = services.memo_task_create(actor=world.alice, memo_id=memo.pk, title="Prepare offer",
                                     due_date=dt.date(2030, 1, 1))
    project = project_create(actor=world.alice, name="Website relaunch", description="New pages.",
                             member_ids=[world.bob.pk])
    project_task_create(actor=world.alice, project_id=project.pk, title="Write copy", due_date=dt.date(2030, 1, 2),
                        assignee_ids=[world.alice.pk])
    browser_log_in(page, "alice")

    page.goto("/memos/")
    button = page.locator(f'a.memo-task[href="/tasks/{task.pk}/"]')
    assert button.get_attribute("title") == task.status.name
    browser_shot(page, "memo-list")
    assert page_fits(page)
    for url, name in [(f"/memos/{memo.pk}/", "memo-detail"), ("/memos/new/", "memo-new"),
                      (f"/memos/{memo.pk}/task/", "memo-task"), ("/projects/", "project-list"),
                      (f"/projects/{project.pk}/", "project-detail"), ("/deals/", "deal-list"),
                      (f"/deals/{deal.pk}/", "deal-detail")]:
        page.goto(url)
        browser_shot(page, name)
        assert page_fits(page), name
