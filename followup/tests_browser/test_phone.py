"""A phone that works (A2, issue 13 §2, §1.17) in a real Chromium: no page of the app is wider
than a 375 px screen, My pending shows five tasks or more on the first screen, a task page shows
its due date, the customer's call button and Complete on the first screen, every section is
reachable from the navigation with nothing cut, one New task button, the sort labels whole, and
Chromium finds the app installable."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import BROWSER_VIEWPORTS, browser_log_in, browser_shot, page_fits
from followup.deals.services import deal_create
from followup.memos.services import memo_create
from followup.projects.services import project_create, project_task_create
from followup.reminders.services import reminder_create
from followup.tasks.models import Priority, TaskType
from followup.tasks.services import task_create
from followup.tasks.validation import TaskLinks

pytestmark = [pytest.mark.browser]

TITLES = [  # lengths like a sales team's: most take two lines on a phone
    "Check the invoice of Horizon Sp. z o.o.", "Prepare an offer for Adam Nowicki",
    "Follow up on the offer with Martin White", "Meeting with Noah Hall", "Renewal offer for Summit Group",
    "Update the contact details of Andrew Nowicki", "Send the price list to Liam Kowalski",
    "Product demo for Crescent Dental",
]


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=BROWSER_VIEWPORTS["phone"], base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: dialog.accept())
    page.viewport_name = "phone"
    yield page
    context.close()


@pytest.fixture
def office(world):
    """Something on every page: alice's tasks (one a team task, one linked to all it can be), a
    customer with phone and e-mail, a deal, a memo, a project, a reminder and notifications."""
    customer = world.customer("Harbor Logistics Sp. z o.o.", phone="+48 600 100 200",
                              email="office.manager@harbor-logistics.example.com")
    types = list(TaskType.objects.filter(organization=world.org))
    today = dt.date.today()
    tasks = [
        task_create(actor=world.bob, title=title, customer_id=customer.pk, due_date=today + dt.timedelta(days=i - 2),
                    assignee_ids=[world.alice.pk, world.bob.pk] if i == 0 else [world.alice.pk],
                    priority=[Priority.HIGH, Priority.MEDIUM, Priority.URGENT][i % 3], type_id=types[i % len(types)].pk)
        for i, title in enumerate(TITLES)
    ]
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Fleet renewal for the northern depots",
                       amount="42000")
    memo = memo_create(actor=world.alice, title="Discount policy for returning customers", recipient_id=world.bob.pk,
                       body="Thoughts on a 5% loyalty discount.", deal_id=deal.pk, send=True)
    project = project_create(actor=world.alice, name="Key accounts: spring review", member_ids=[world.alice.pk])
    project_task_create(actor=world.alice, project_id=project.pk, title="Review call: Northwind Ltd", due_date=today,
                        assignee_ids=[world.alice.pk], customer_id=customer.pk)
    linked = task_create(actor=world.alice, title="Send the signed contract to the depot managers",
                         customer_id=customer.pk, assignee_ids=[world.alice.pk], due_date=today,
                         description="They asked for it twice.\n" * 8,
                         links=TaskLinks(parent_id=tasks[1].pk, project_id=project.pk, deal_id=deal.pk,
                                         memo_id=memo.pk))
    reminder_create(actor=world.alice, target_type="task", target_id=linked.pk,
                    remind_at=timezone.now() + dt.timedelta(days=1), note="Ask for the purchase order number")
    return {"customer": customer, "tasks": tasks, "linked": linked, "deal": deal, "memo": memo, "project": project}


def every_page(office) -> dict[str, str]:
    c, t, d, m, p = (office[k] for k in ("customer", "linked", "deal", "memo", "project"))
    return {
        "my-pending": "/tasks/", "unassigned": "/tasks/unassigned/", "all-pending": "/tasks/all_pending/",
        "completed": "/tasks/completed/", "all-pending-filtered": "/tasks/all_pending/?q=offer&sort=-priority&all=1",
        "task-new": "/tasks/new/", "task-edit": f"/tasks/{t.pk}/edit/", "task": f"/tasks/{t.pk}/",
        "task-chat": f"/chat/task/{t.pk}/", "customers": "/customers/", "customer": f"/customers/{c.pk}/",
        "customer-history": f"/customers/{c.pk}/history/",
        "customer-new": "/customers/new/", "customer-edit": f"/customers/{c.pk}/edit/",
        "deals": "/deals/", "deal": f"/deals/{d.pk}/", "deal-edit": f"/deals/{d.pk}/edit/",
        "memos": "/memos/", "memo": f"/memos/{m.pk}/", "memo-new": "/memos/new/", "memo-task": f"/memos/{m.pk}/task/",
        "memo-project": f"/memos/{m.pk}/project/",
        "projects": "/projects/", "project": f"/projects/{p.pk}/", "project-edit": f"/projects/{p.pk}/edit/",
        "reminders": "/reminders/", "notifications": "/notifications/",
        "notification-settings": "/notifications/settings/", "profile": "/profile/", "not-found": "/tasks/999999/",
    }


def wider_than_screen(page) -> list[str]:
    """What sticks out to the right, for the failure message."""
    return page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + e.className)""")


def loaded(page) -> None:
    """Wait until the parts htmx loads after the page (the reminders box, the unread dot) are in."""
    page.wait_for_function("() => !document.querySelector('[hx-trigger^=\"load\"]')")


def visible_bottom(page) -> float:
    """The lowest y a reader sees: the window's height above the tab bar fixed at its bottom."""
    return page.evaluate("""() => { const nav = document.querySelector('.mainnav');
        const fixed = nav && getComputedStyle(nav).position === 'fixed';
        return window.innerHeight - (fixed ? nav.getBoundingClientRect().height : 0); }""")


def test_no_page_is_wider_than_the_screen(page, world, office):
    page.goto("/login/")
    assert page_fits(page), wider_than_screen(page)
    browser_shot(page, "phone-login")
    browser_log_in(page, "alice")
    for name, path in every_page(office).items():
        page.goto(path)
        loaded(page)
        assert page_fits(page), (path, wider_than_screen(page))
        browser_shot(page, f"phone-{name}")


def test_no_page_is_wider_than_the_screen_with_the_filters_and_menus_open(phone, world, office):
    browser_log_in(phone, "alice")
    phone.click("[data-toggle-filters]")
    phone.locator("#f-sort").wait_for()
    assert phone_fits_and_shot(phone, "phone-filters-open")
    phone.click(".nav-more > summary")
    phone.locator(".nav-more .menu-panel").wait_for()
    assert phone_fits_and_shot(phone, "phone-more-open")
    phone.locator("tbody [name=task_ids]").first.check()
    phone.locator("[data-batchbar].is-visible").wait_for()
    assert phone_fits_and_shot(phone, "phone-batch-bar")
    phone.locator(".task-list > tbody > tr details.row-menu > summary").first.click()
    assert phone_fits_and_shot(phone, "phone-row-menu-open")
    phone.goto(f"/tasks/{office['linked'].pk}/")
    phone.click("summary.avatar-me")
    assert phone_fits_and_shot(phone, "phone-account-open")


def phone_fits_and_shot(page, name) -> bool:
    browser_shot(page, name)
    return page_fits(page)


def test_my_pending_shows_five_tasks_on_the_first_screen(phone, world, office):
    browser_log_in(phone, "alice")
    bottoms = phone.eval_on_selector_all(
        ".task-list > tbody > tr", "rows => rows.map(r => r.getBoundingClientRect().bottom)")
    assert len(bottoms) >= len(TITLES)
    assert sum(1 for b in bottoms if b <= visible_bottom(phone)) >= 5, bottoms


def test_task_page_shows_due_date_call_button_and_complete_on_the_first_screen(phone, world, office):
    browser_log_in(phone, "alice")
    phone.goto(f"/tasks/{office['linked'].pk}/")
    bottom = visible_bottom(phone)
    for selector in (".task-essentials .due", ".task-essentials a[href^='tel:']",
                     ".task-essentials a[href^='mailto:']", "button:has-text('Complete')",
                     ".task-essentials .assignees", ".meta-line .status"):
        box = phone.locator(selector).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= bottom, (selector, box, bottom)
    assert phone.locator(".task-essentials a[href^='tel:']").get_attribute("href") == "tel:+48%20600%20100%20200"
    # D3: what it belongs to is linked, here too.
    for kind in ("parent", "project", "memo", "deal"):
        expect(phone.locator(f".task-links a[data-link={kind}]")).to_be_visible()


SECTIONS = {"Tasks": "/tasks/", "Customers": "/customers/", "Deals": "/deals/", "Memos": "/memos/",
            "Projects": "/projects/", "Reminders": "/reminders/", "Notifications": "/notifications/"}


WHOLE_WORDS = """a => { // the label is not clipped, and no word of it is broken across two lines
    const label = a.querySelector('.nav-label') || a;
    const node = [...label.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
    const text = node.textContent;
    let from = 0;
    for (const word of text.split(/\\s+/).filter(Boolean)) {
        const start = text.indexOf(word, from), range = document.createRange();
        range.setStart(node, start); range.setEnd(node, start + word.length);
        if (range.getClientRects().length > 1) return false;
        from = start + word.length;
    }
    return label.scrollWidth <= label.clientWidth + 1 && a.scrollWidth <= a.clientWidth + 1;
}"""


def test_every_section_is_one_or_two_taps_away_and_none_is_cut(page, world, office):
    browser_log_in(page, "alice")
    for label, path in SECTIONS.items():
        page.goto("/customers/" if path == "/tasks/" else "/tasks/")
        link = page.locator(f".mainnav a[href='{path}']:visible")
        if link.count() == 0:  # a phone: behind "More"
            assert page.viewport_name == "phone", label
            page.click(".nav-more > summary")
            link = page.locator(f".nav-more .menu-panel a[href='{path}']")
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"], (label, box)
        assert link.evaluate(WHOLE_WORDS) and label in link.inner_text(), label
        link.click()
        page.wait_for_url(f"**{path}")
        assert page.locator(".mainnav .active, .nav-more .active").count() >= 1


def test_task_list_has_one_new_task_button_and_it_is_on_screen(page, world, office):
    browser_log_in(page, "alice")
    buttons = page.locator("a:visible", has_text="New task")
    assert buttons.count() == 1
    box = buttons.first.bounding_box()
    assert box["x"] + box["width"] <= page.viewport_size["width"] and box["y"] < 80
    buttons.first.click()
    page.wait_for_url("**/tasks/new/")


def test_sort_labels_are_not_cut(page, world, office):
    browser_log_in(page, "alice")
    if page.viewport_name == "phone":
        page.click("[data-toggle-filters]")
    for value in ("due", "-due", "-priority", "priority"):
        page.select_option("#f-sort", value)
        fits = page.eval_on_selector("#f-sort", """s => { const st = getComputedStyle(s);
            const c = document.createElement('canvas').getContext('2d');
            c.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
            const room = s.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
            return c.measureText(s.options[s.selectedIndex].text).width <= room; }""")
        assert fits, value


def test_chromium_finds_the_app_installable(page, world):
    if page.viewport_name != "desktop":
        pytest.skip("once is enough")
    page.goto("/login/")
    session = page.context.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    manifest = session.send("Page.getAppManifest")
    # A Playwright context is a private window, where nothing installs; every other reason
    # (no manifest, no 192/512 icon, no start_url, not standalone, ...) would be the app's.
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == [], errors
    assert re.search(r"/static/followup/manifest\.[0-9a-f]{12}\.webmanifest$", manifest["url"])
    assert not manifest["errors"]


def test_administrators_pages_and_the_setup_page_fit_the_screen(page, world, office):
    from followup.tasks.models import StatusCategory, TaskStatus

    browser_log_in(page, "adam")
    for name, path in {"rules": "/automation/rules/", "rule-new": "/automation/rules/new/"}.items():
        page.goto(path)
        assert page_fits(page), (path, wider_than_screen(page))
        browser_shot(page, f"phone-{name}")
    TaskStatus.objects.filter(organization=world.org, category=StatusCategory.OPEN).update(is_active=False)
    page.goto("/tasks/new/")
    expect(page.locator("text=Something is missing")).to_be_visible()
    assert page_fits(page), wider_than_screen(page)
    browser_shot(page, "phone-setup-needed")
