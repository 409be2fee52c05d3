"""D9: the public page /f/<slug>: HTML and JSON, idempotency, honeypot, rate limit, embedding."""

import json
import time

import pytest
from django.utils import timezone

from followup.customers.models import Customer
from followup.intake.spam import HONEYPOT
from followup.tasks.models import Task

SENT = {"name": "Zoe Zimmer", "email": "zoe@example.org"}


def post_json(client, form, body, **headers):
    return client.post(f"/f/{form.slug}", json.dumps(body), content_type="application/json", headers=headers)


def test_the_page_shows_the_forms_fields_without_login(client, contact):
    page = client.get("/f/contact-us").content.decode()
    assert 'name="email"' in page and "Your name" in page and 'name="idempotency_key"' in page


def test_each_page_view_carries_its_own_key(client, contact):
    assert client.get("/f/contact-us").context["key"] != client.get("/f/contact-us").context["key"]


def test_a_paused_form_is_a_404(client, make_form):
    make_form(is_active=False)
    assert client.get("/f/contact-us").status_code == 404


def test_an_html_submission_lands_on_the_thank_you_page(client, make_form):
    make_form(thank_you="We call back within a day.")
    response = client.post("/f/contact-us", {**SENT, "idempotency_key": "k1"}, follow=True)
    assert response.redirect_chain[-1][0] == "/f/contact-us/thanks"
    assert "We call back within a day." in response.content.decode()
    assert Customer.objects.filter(email="zoe@example.org").exists()


def test_an_html_submission_with_errors_answers_422_with_each_field(client, contact):
    response = client.post("/f/contact-us", {"email": "nope"})
    assert response.status_code == 422
    assert [r["field"] for r in response.context["rows"] if r["errors"]] == ["name", "email"]


def test_errors_speak_the_visitors_language(client, contact):
    response = post_json(client, contact, {"email": "nope"}, **{"Accept-Language": "pl"})
    assert response.json()["errors"]["name"] == ["To pole jest wymagane."]


def test_a_json_submission_answers_201(client, contact):
    response = post_json(client, contact, SENT)
    assert (response.status_code, response.json()["ok"], Task.objects.count()) == (201, True, 1)


def test_a_json_submission_with_errors_answers_422_per_field(client, contact):
    response = post_json(client, contact, {"name": "Zoe"})
    assert (response.status_code, list(response.json()["errors"])) == (422, ["email"])


def test_a_body_that_is_no_json_object_is_a_422(client, contact):
    response = client.post("/f/contact-us", "[1, 2]", content_type="application/json")
    assert response.status_code == 422 and "body" in response.json()["errors"]


def test_a_retried_submission_makes_no_second_customer_or_task(client, contact):
    first = post_json(client, contact, SENT, **{"Idempotency-Key": "retry-1"})
    second = post_json(client, contact, SENT, **{"Idempotency-Key": "retry-1"})
    assert (first.status_code, second.status_code, second["Idempotent-Replayed"]) == (201, 201, "true")
    assert (Customer.objects.count(), Task.objects.count()) == (1, 1)


def test_a_retried_html_submission_with_its_hidden_key_makes_one_task(client, contact):
    for _ in range(2):
        client.post("/f/contact-us", {**SENT, "idempotency_key": "page-view-1"})
    assert Task.objects.count() == 1


def test_the_honeypot_thanks_a_robot_and_makes_nothing(client, contact):
    response = post_json(client, contact, {**SENT, HONEYPOT: "http://spam.example"})
    assert response.status_code == 201
    assert not Customer.objects.exists()


def _early_in_a_minute() -> None:
    """The limit counts per clock minute: wait out a minute's last seconds, so that the test's
    submissions fall in one minute (three of them straddled two once, under CI's load)."""
    second = timezone.now().second
    if second >= 45:
        time.sleep(61 - second)


def test_a_client_over_the_limit_gets_429(client, contact, settings):
    settings.FOLLOWUP_FORM_SUBMISSIONS_PER_MINUTE = 2
    _early_in_a_minute()
    codes = [post_json(client, contact, {**SENT, "email": f"z{i}@example.org"}).status_code for i in range(3)]
    assert codes == [201, 201, 429]
    assert Customer.objects.count() == 2


def test_the_limit_counts_each_client_apart(client, contact, settings):
    settings.FOLLOWUP_FORM_SUBMISSIONS_PER_MINUTE = 1
    post_json(client, contact, SENT)
    other = client.post("/f/contact-us", json.dumps(SENT), content_type="application/json", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 201


def test_without_allowed_origins_nobody_may_frame_the_page(client, contact):
    response = client.get("/f/contact-us")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_allowed_origins_may_frame_the_page(client, make_form):
    make_form(allowed_origins="https://www.example.com")
    response = client.get("/f/contact-us")
    assert "frame-ancestors 'self' https://www.example.com" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not response.has_header("X-Frame-Options")


@pytest.mark.parametrize(("origin", "allowed"), [("https://www.example.com", True), ("https://evil.example", False)])
def test_cors_answers_only_allowed_origins(client, make_form, origin, allowed):
    form = make_form(allowed_origins="https://www.example.com")
    preflight = client.options("/f/contact-us", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    posted = post_json(client, form, SENT, Origin=origin)
    assert (preflight.status_code, preflight.has_header("Access-Control-Allow-Origin")) == (204, allowed)
    assert posted.get("Access-Control-Allow-Origin") == (origin if allowed else None)
    assert ("Idempotency-Key" in preflight.get("Access-Control-Allow-Headers", "")) == allowed
