"""§1.14: the profile page: one's own name, e-mail and language; the token header shown as text."""

import pytest
from django.conf import settings
from django.urls import reverse

from followup.accounts.models import User


def details(**changes):
    return {"action": "details", "first_name": "Alicja", "last_name": "Nowak", "email": "alicja@example.com",
            "language": "pl", **changes}


def test_the_token_header_is_shown_as_text_not_parsed_as_html(world, login):
    html = login(world.alice).get(reverse("profile")).content.decode()
    assert "Authorization: Bearer &lt;token&gt;" in html


def test_profile_saves_name_e_mail_and_language(world, login):
    response = login(world.alice).post(reverse("profile"), details())
    assert response.status_code == 302 and response["Location"] == reverse("profile")
    alice = User.objects.get(pk=world.alice.pk)
    assert (alice.first_name, alice.last_name, alice.email, alice.language) == (
        "Alicja", "Nowak", "alicja@example.com", "pl")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pl"


def test_the_saved_message_and_the_next_page_speak_the_new_language(world, login):
    client = login(world.alice)
    html = client.post(reverse("profile"), details(), follow=True).content.decode()
    assert '<html lang="pl"' in html and "Twoje dane zostały zapisane." in html


def test_the_form_shows_what_is_stored(world, login):
    html = login(world.alice).get(reverse("profile")).content.decode()
    assert 'value="Alice"' in html and 'value="Archer"' in html and 'value="alice@example.com"' in html
    assert '<option value="en" lang="en" selected>' in html


@pytest.mark.parametrize("field, value, message", [
    ("email", "not-an-address", "Enter a valid e-mail address."),
    ("email", "", "Enter your e-mail address"),
    ("first_name", "x" * 151, "Enter at most 150 characters."),
    ("last_name", "x" * 151, "Enter at most 150 characters."),
    ("language", "xx", "Choose a language from the list."),
])
def test_bad_details_are_named_by_field_and_nothing_is_saved(world, login, field, value, message):
    response = login(world.alice).post(reverse("profile"), details(**{field: value}))
    html = response.content.decode()
    assert response.status_code == 200 and f'id="err-{field}"' in html and message in html
    alice = User.objects.get(pk=world.alice.pk)
    assert (alice.first_name, alice.email, alice.language) == ("Alice", "alice@example.com", "")


def test_every_bad_field_is_named_at_once(world, login):
    html = login(world.alice).post(reverse("profile"), details(email="nope", language="xx")).content.decode()
    assert 'id="err-email"' in html and 'id="err-language"' in html


def test_refused_details_keep_what_was_typed(world, login):
    html = login(world.alice).post(reverse("profile"), details(email="nope")).content.decode()
    assert 'value="Alicja"' in html and 'value="nope"' in html


def test_profile_links_to_changing_the_password(world, login):
    assert reverse("password_change") in login(world.alice).get(reverse("profile")).content.decode()
