"""Shared people and builders for every test.

alice: member of Sales; bob: head of Sales (member role); carol: company manager;
oscar: task operator; adam: administrator; mallory: member of another organization.
"""

import datetime as dt
import itertools
import os
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation

from followup.accounts.models import Role
from followup.accounts.services import department_create, organization_create, user_create
from followup.customers.models import Customer
from followup.tasks.models import Priority
from followup.tasks.services import task_create

PASSWORD = "correct-horse-battery"


TEST_SECRET_KEY = "followup-test-suite-key-" + "x" * 40  # noqa: S105 - the tests' own, not a secret


def pytest_configure(config):
    """The suite signs with a key of its own rather than the public development key, and
    ``child_process_env`` hands it to the processes tests start: a web server among them refuses
    the development key (§3.5), and a session made here must be valid there."""
    from django.conf import settings

    from followup.env import DEVELOPMENT_SECRET_KEY

    if settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        settings.SECRET_KEY = TEST_SECRET_KEY
    # Pages name static files through the manifest (hashed names, issue 16 §2): collect them once,
    # where the processes the tests start (with data folders of their own) look for them too.
    os.environ["FOLLOWUP_STATIC_ROOT"] = str(settings.STATIC_ROOT)
    if not hasattr(config, "workerinput"):  # under pytest-xdist (-n) the controller collects, before its workers start
        call_command("collectstatic", interactive=False, verbosity=0)


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests skip with a reason where the suite runs on SQLite, and fail in CI
    when PostgreSQL was asked for (DATABASE_URL) but the suite is not on it."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/followup")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _database_reachable(django_db_setup, django_db_blocker):
    """Fail loudly in CI when the configured database cannot be reached."""
    with django_db_blocker.unblock():
        try:
            connection.ensure_connection()
        except Exception as exc:  # noqa: BLE001 - any driver error means the same thing here
            if os.environ.get("CI") == "true":
                raise
            pytest.skip(f"database not reachable: {exc}")


_counter = itertools.count(1)


class Builders:
    """The people of two organizations and builders for their records."""

    def __init__(self):
        self.org = organization_create(name="Acme Sales", slug=f"acme-{next(_counter)}")
        self.other_org = organization_create(name="Globex", slug=f"globex-{next(_counter)}")
        self.sales = department_create(organization=self.org, name="Sales")
        self.alice = self.user("alice", department=self.sales, first_name="Alice", last_name="Archer")
        self.bob = self.user("bob", department=self.sales, first_name="Bob", last_name="Baker")
        self.sales.head = self.bob
        self.sales.save()
        self.carol = self.user("carol", role=Role.MANAGER, first_name="Carol", last_name="Cole")
        self.oscar = self.user("oscar", role=Role.OPERATOR, first_name="Oscar", last_name="Ortiz")
        self.adam = self.user("adam", role=Role.ADMIN, first_name="Adam", last_name="Admin")
        self.mallory = self.user("mallory", organization=self.other_org, first_name="Mallory", last_name="Moss")

    def user(self, username, *, organization=None, **kwargs):
        return user_create(
            organization=organization or self.org, username=username, password=PASSWORD,
            email=f"{username}@example.com", **kwargs,
        )

    def customer(self, name="ACME Corp", *, organization=None, **kwargs):
        org = organization or self.org
        return Customer.objects.create(organization=org, name=name, **kwargs)

    def task(self, title="Call back", *, actor=None, customer=None, assignees=None,
             due_date=None, priority=Priority.MEDIUM, **kwargs):
        actor = actor or self.alice
        if customer is None and kwargs.pop("require_customer", True):
            customer = self.customer(organization=actor.organization)
        assignees = [actor] if assignees is None else assignees
        return task_create(
            actor=actor, title=title, customer_id=customer.pk if customer else None,
            assignee_ids=[u.pk for u in assignees], due_date=due_date or dt.date.today(),
            priority=priority, require_customer=customer is not None, **kwargs,
        )

    def tasks(self, n, **kwargs):
        customer = kwargs.pop("customer", None) or self.customer()
        return [self.task(f"Task {i}", customer=customer, **kwargs) for i in range(n)]


@pytest.fixture
def world(db):
    """The people and builders every test starts from. In a browser test the ``page`` fixture
    brings in ``live_server``, which makes pytest-django commit this data (the server runs in
    another thread)."""
    return Builders()


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client
    return _login


@pytest.fixture
def ns():
    return SimpleNamespace


@pytest.fixture(autouse=True)
def _default_language_and_zone():
    """Each test starts in the default language and time zone. A request leaves its user's
    language and zone active in the thread (the middleware sets them and nothing undoes them; a
    server's next request sets its own), so a Polish user's request in one test turned the next
    test's messages Polish (seen running the calendar tests before the team-task tests)."""
    yield
    translation.deactivate()
    timezone.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is right for production and far too slow for hundreds of test users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class _Inbox:
    """Messages a real local SMTP server received, for assertions."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append({"to": list(envelope.rcpt_tos), "subject": message["subject"],
                              "body": message.get_body(preferencelist=("plain",)).get_content()})
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """Start a real SMTP server (aiosmtpd) on 127.0.0.1 around a handler of the test's own, and
    point Django's SMTP backend at it: ``port = smtp_server(handler)``. Stopped after the test."""
    import socket

    from aiosmtpd.controller import Controller

    controllers = []

    def start(handler) -> int:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        return port

    try:
        yield start
    finally:
        for controller in controllers:
            controller.stop()


@pytest.fixture
def smtp_inbox(smtp_server):
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives; Django's SMTP backend sends to it."""
    inbox = _Inbox()
    smtp_server(inbox)
    return inbox


# --- Browser tests: Debian's Chromium driven by Playwright's sync API ------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
BROWSER_VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session. Playwright's sync API runs an event loop in the test
    thread, which trips Django's async-unsafe guard for the tests' ORM calls; the tests are
    synchronous, so the guard is lifted while a browser is in use."""
    import shutil

    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(params=list(BROWSER_VIEWPORTS))
def page(request, browser, live_server):
    """A fresh page on the live server, once at desktop and once at phone width; confirm()
    dialogs are accepted."""
    context = browser.new_context(viewport=BROWSER_VIEWPORTS[request.param], base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: dialog.accept())
    page.viewport_name = request.param
    yield page
    context.close()
    _wait_for_requests_in_flight(live_server)


def _wait_for_requests_in_flight(live_server, timeout: float = 10.0) -> None:
    """Let the live server finish what the closed page still had running (an htmx request
    fired on load, say) before the test database is flushed: on PostgreSQL a request that holds
    row locks while TRUNCATE takes its table locks can deadlock it ("couldn't be flushed", a
    flake seen in CI). The server runs each connection in a thread whose target is its own
    ``process_request_thread``."""
    import threading
    import time

    server = live_server.thread.httpd
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        serving = [t for t in threading.enumerate()
                   if getattr(getattr(t, "_target", None), "__self__", None) is server]
        if not serving:
            return
        serving[0].join(0.05)


def browser_log_out(page) -> None:
    """Leave the session: the old page is closed first (about:blank), so a request it still
    has in flight cannot answer after the cookies are cleared and set a CSRF cookie that the
    next login form's token no longer matches (a "CSRF token incorrect" flake seen in CI)."""
    page.goto("about:blank")
    page.context.clear_cookies()


def browser_log_in(page, username: str) -> None:
    """Log in through the login form, the first step of every browser test."""
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/tasks/")


SHOTS_DIR = os.environ.get("FOLLOWUP_SHOTS_DIR", "")


def browser_shot(page, name: str) -> None:
    """With FOLLOWUP_SHOTS_DIR set, save a full-page screenshot ``<name>-<desktop|phone>.png`` there."""
    if SHOTS_DIR:
        os.makedirs(SHOTS_DIR, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS_DIR, f"{name}-{page.viewport_name}.png"), full_page=True)


def page_fits(page) -> bool:
    """Nothing on the page is wider than the window (no sideways scrolling on a phone)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
