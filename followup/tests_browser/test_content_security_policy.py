"""§3.5 in a real Chromium: every page of the demo, with the Content-Security-Policy on, runs
without one violation (Chromium reports each blocked script, style or image in the console)
and without a script error, and the htmx behaviour that used to be eval'd attributes still works."""

import pytest
from django.conf import settings
from django.core.management import call_command

from conftest import BROWSER_VIEWPORTS, browser_log_out
from followup.accounts.models import Role, User
from followup.chat.models import Message
from followup.customers.models import Customer
from followup.deals.models import Deal
from followup.memos.models import Memo
from followup.projects.models import Project
from followup.tasks.models import Task

pytestmark = [pytest.mark.browser]

DEMO_PASSWORD = "demo-password"


class ConsoleWatch:
    """Every console error or warning and uncaught exception of a page, with where it happened."""

    def __init__(self, page):
        self.page, self.problems, self.error_page = page, [], None
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"{page.url}: uncaught {exc}"))

    def _console(self, message):
        source = message.location.get("url")
        if message.text.startswith("Failed to load resource") and source in (
                self.error_page, self.page.base_url + "/favicon.ico"):
            return  # the 400 and 404 pages themselves; Django admin's pages name no icon
        if message.type in ("error", "warning") or "Content Security Policy" in message.text:
            self.problems.append(f"{self.page.url}: console {message.type}: {message.text} ({source})")

    def visit(self, path: str, *, status: int = 200) -> None:
        self.error_page = self.page.base_url + path if status >= 400 else None
        response = self.page.goto(path)
        assert response.status == status, path
        assert response.headers.get("content-security-policy") == settings.CONTENT_SECURITY_POLICY, path
        self.page.wait_for_load_state("networkidle")  # htmx's loads on page load have run


@pytest.fixture
def demo_page(browser, live_server):
    call_command("demo", base_url=live_server.url)
    context = browser.new_context(viewport=BROWSER_VIEWPORTS["desktop"], base_url=live_server.url)
    page = context.new_page()
    page.base_url = live_server.url
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    context.close()


def log_in(page, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/tasks/")


def demo_pages() -> list[str]:
    task = Task.objects.filter(organization__slug="demo", parent__isnull=True, assignee_count__gte=2).first()
    customer = Customer.objects.filter(organization__slug="demo").first()
    deal = Deal.objects.filter(organization__slug="demo").first()
    memo = Memo.objects.filter(organization__slug="demo", sent_at__isnull=False).first()
    project = Project.objects.filter(organization__slug="demo").first()
    return [
        "/tasks/", "/tasks/unassigned/", "/tasks/all_pending/", "/tasks/completed/", "/tasks/new/",
        f"/tasks/{task.pk}/", f"/tasks/{task.pk}/edit/", f"/chat/task/{task.pk}/",
        "/customers/", "/customers/new/", f"/customers/{customer.pk}/", f"/customers/{customer.pk}/history/",
        f"/customers/{customer.pk}/edit/",
        "/deals/", f"/deals/{deal.pk}/", f"/deals/{deal.pk}/edit/",
        "/memos/", "/memos/new/", f"/memos/{memo.pk}/", f"/memos/{memo.pk}/edit/",
        "/projects/", f"/projects/{project.pk}/", f"/projects/{project.pk}/edit/",
        "/notifications/", "/notifications/settings/", "/reminders/", "/calendar/", "/profile/",
        "/api/v1/docs",
    ]


def admin_pages() -> list[str]:
    user = User.objects.filter(organization__slug="demo").first()
    task = Task.objects.filter(organization__slug="demo").first()
    return ["/automation/rules/", "/automation/rules/new/",
            "/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{user.pk}/change/",
            "/admin/accounts/user/add/", "/admin/tasks/task/", f"/admin/tasks/task/{task.pk}/change/",
            "/admin/tasks/taskstatus/", "/admin/tasks/taskstatus/add/", "/admin/customers/customer/",
            f"/admin/customers/customer/{Customer.objects.filter(organization__slug='demo').first().pk}/change/"]


def test_every_page_runs_without_a_policy_violation(demo_page):
    watch = ConsoleWatch(demo_page)
    watch.visit("/login/")
    log_in(demo_page, "demo")
    demo_page.click(".topbar .menu:not(.nav-more) summary")  # the account menu opens
    demo_page.locator(".topbar .menu:not(.nav-more) .menu-panel").wait_for()
    for path in demo_pages():
        watch.visit(path)
    watch.visit("/tasks/?q=%00", status=400)
    watch.visit("/customers/999999999/", status=404)

    admin = User.objects.filter(organization__slug="demo", role=Role.ADMIN).first()
    demo_page.goto("/login/")  # logged in: goes on to the tasks
    browser_log_out(demo_page)
    log_in(demo_page, admin.username)
    for path in admin_pages():
        watch.visit(path)

    assert watch.problems == []


def test_the_customer_picker_searches_what_is_typed(demo_page):
    watch = ConsoleWatch(demo_page)
    customer = Customer.objects.filter(organization__slug="demo").order_by("name").first()
    log_in(demo_page, "demo")

    watch.visit("/tasks/new/")
    demo_page.fill("#id_customer_label", customer.name)
    demo_page.locator("[role=option]", has_text=customer.name).first.wait_for()

    assert watch.problems == []


def test_a_sent_chat_message_empties_the_form(demo_page):
    watch = ConsoleWatch(demo_page)
    task = Task.objects.filter(organization__slug="demo", parent__isnull=True).first()
    log_in(demo_page, "demo")

    watch.visit(f"/tasks/{task.pk}/")
    demo_page.fill("#chat textarea[name=body]", "Called, no answer")
    demo_page.click("#chat button:has-text('Send')")
    demo_page.locator("#chat .chat-body", has_text="Called, no answer").wait_for()

    assert demo_page.input_value("#chat textarea[name=body]") == ""
    assert Message.objects.filter(body="Called, no answer").exists()
    assert watch.problems == []


def test_go_back_on_the_bad_request_page_returns_to_the_previous_page(demo_page):
    log_in(demo_page, "demo")
    demo_page.goto("/customers/")
    demo_page.goto("/tasks/?q=%00")

    demo_page.click("a:has-text('Go back')")

    demo_page.wait_for_url("**/customers/")
