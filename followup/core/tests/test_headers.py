"""§3.5: every page and API answer carries the Content-Security-Policy; HTTPS is believed from
trusted proxies only, and then answered with HSTS."""

import ipaddress
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from followup.chat.models import Attachment
from followup.chat.services import message_post


def policy(response) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))


def test_login_page_allows_scripts_and_styles_only_from_the_site(client, db):
    directives = policy(client.get("/login/"))

    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "'none'"


def test_pages_have_no_inline_script(world, login):
    html = login(world.alice).get("/tasks/").content.decode()

    assert "<script>" not in html and "<script src=" in html
    assert "hx-on" not in html and "js:" not in html


def test_api_answers_carry_the_policy(client, db):
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response["Content-Security-Policy"] == django_settings.CONTENT_SECURITY_POLICY


def test_an_answer_with_its_own_policy_keeps_it(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    task = world.task()
    message = message_post(actor=world.alice, kind="task", object_id=task.pk,
                           files=[SimpleUploadedFile("a.txt", b"hello", content_type="text/plain")])
    response = login(world.alice).get(f"/chat/attachments/{Attachment.objects.get(message=message).pk}/")

    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_debug_pages_of_django_go_without_the_policy(world, login, settings):
    settings.DEBUG = True

    response = login(world.alice).get("/customers/999999999/")

    assert response.status_code == 404 and "Content-Security-Policy" not in response


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/24")]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 600


def test_https_through_a_trusted_proxy_gets_hsts(client, db, behind_proxy):
    response = client.get("/login/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https")

    assert response["Strict-Transport-Security"] == "max-age=600"


def test_an_untrusted_peer_cannot_claim_https(client, db, behind_proxy):
    response = client.get("/login/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_PROTO="https")

    assert "Strict-Transport-Security" not in response


INLINE_CODE = re.compile(
    r"""<script(?![^>]*\bsrc=)[^>]*>|\bstyle\s*=|<style\b|\bhx-on|\bon[a-z]+\s*=\s*["']|js:|javascript:"""
)


def test_no_template_carries_code_or_styles_the_policy_would_block():
    """Pages the browser walk does not reach (a state, a partial) are kept to the policy too:
    no inline script, style attribute or element, event handler attribute, hx-on or js: value."""
    templates = Path(django_settings.BASE_DIR).glob("**/templates/**/*.html")
    found = [f"{path}: {match.group(0)}" for path in templates
             for match in INLINE_CODE.finditer(path.read_text(encoding="utf-8"))]

    assert found == []
