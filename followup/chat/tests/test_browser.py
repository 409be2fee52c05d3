"""In a real Chromium: a message with markup is appended by htmx and shown as text, never run."""


import pytest

from conftest import browser_log_in, browser_shot
from followup.chat.tests.conftest import PDF_BYTES

pytestmark = [pytest.mark.browser]

HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"><b>bold</b>"






def test_script_in_a_message_shows_as_text(page, world):
    task = world.task("Call ACME", assignees=[world.alice, world.bob])
    browser_log_in(page, "alice")

    page.goto(f"/tasks/{task.pk}/")
    page.fill("#chat textarea[name=body]", HOSTILE)
    page.click("#chat button:has-text('Send')")
    bubble = page.locator("#chat .chat-body").last
    bubble.wait_for()
    assert bubble.inner_text() == HOSTILE  # appended by htmx, as text
    assert page.input_value("#chat textarea[name=body]") == ""  # the form was reset
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#chat .chat-body b").count() == 0

    page.reload()
    assert page.locator("#chat .chat-body").last.inner_text() == HOSTILE
    assert page.evaluate("window.__pwned") is None

    # A file goes up through the same htmx form (multipart) and comes back as a link with its size.
    page.set_input_files("#chat input[type=file]", files=[{"name": "offer.pdf", "mimeType": "application/pdf",
                                                          "buffer": PDF_BYTES}])
    page.click("#chat button:has-text('Send')")
    link = page.locator("#chat .chat-files a", has_text="offer.pdf")
    link.wait_for()
    assert link.get_attribute("href").startswith("/chat/attachments/")
    browser_shot(page, "task-chat")
    page.goto(f"/chat/task/{task.pk}/")
    browser_shot(page, "thread-page")
