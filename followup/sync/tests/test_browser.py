"""In a real Chromium (A2): the service worker keeps My pending readable offline, and the page
is an installable web app (manifest with icons)."""

import pytest

from conftest import browser_log_in, browser_shot, page_fits

pytestmark = [pytest.mark.browser]


def test_my_pending_stays_readable_offline(page, world):
    world.task("Call ACME about the offer")
    browser_log_in(page, "alice")
    page.locator("html[data-offline-ready]").wait_for(state="attached")  # the worker controls the site
    page.goto("/tasks/")  # this visit goes through the worker, which keeps it
    page.get_by_text("Call ACME about the offer").first.wait_for()

    page.context.set_offline(True)
    try:
        page.goto("/tasks/")
        page.get_by_text("Call ACME about the offer").first.wait_for()
        page.locator("#offline-note").wait_for(state="visible")
        browser_shot(page, "sync-offline")
        assert page_fits(page)
    finally:
        page.context.set_offline(False)


def test_signing_out_forgets_the_offline_copy(page, world):
    world.task("Private follow-up")
    browser_log_in(page, "alice")
    page.locator("html[data-offline-ready]").wait_for(state="attached")
    page.goto("/tasks/")
    page.click("summary.avatar-me")
    page.click("button:has-text('Log out')")
    page.wait_for_url("**/login/**")

    page.context.set_offline(True)
    try:
        response = page.goto("/tasks/")
    except Exception:  # noqa: BLE001 - Chromium's own error page: nothing was kept
        response = None
    finally:
        page.context.set_offline(False)

    assert response is None or "Private follow-up" not in page.content()


def test_the_app_is_installable(page, world):
    browser_log_in(page, "alice")
    manifest = page.locator("link[rel=manifest]").get_attribute("href")

    body = page.request.get(manifest).json()

    assert body["start_url"] and body["display"] == "standalone"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in body["icons"]}
    worker = page.request.get("/sw.js")
    assert worker.ok and "javascript" in worker.headers["content-type"]
