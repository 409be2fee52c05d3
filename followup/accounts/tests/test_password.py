"""§1.14: changing one's password, and resetting a forgotten one by e-mail (a real SMTP server)."""

import re

from django.urls import reverse

from conftest import PASSWORD
from followup.accounts.models import User

NEW = "a-much-longer-passphrase-2026"


def test_login_page_links_to_the_password_reset(client, world):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_changing_the_password_needs_a_signed_in_person(client, world):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_changing_the_password_needs_the_current_one(world, login):
    client = login(world.alice)
    response = client.post(reverse("password_change"), {
        "old_password": "wrong", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 200 and 'id="err-old_password"' in response.content.decode()
    assert User.objects.get(pk=world.alice.pk).check_password(PASSWORD)


def test_a_too_short_new_password_is_refused_by_name(world, login):
    response = login(world.alice).post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "short", "new_password2": "short"})
    assert 'id="err-new_password2"' in response.content.decode()
    assert User.objects.get(pk=world.alice.pk).check_password(PASSWORD)


def test_changing_the_password_keeps_one_signed_in(world, login):
    client = login(world.alice)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("profile")
    assert "Your password is changed." in response.content.decode()
    assert User.objects.get(pk=world.alice.pk).check_password(NEW)
    assert client.get(reverse("tasks:list")).status_code == 200


def reset_link(message, base_url) -> str:
    match = re.search(re.escape(base_url) + r"(/password-reset/[^/\s]+/[^/\s]+/)", message["body"])
    assert match, message["body"]
    return match.group(1)


def test_a_forgotten_password_is_reset_through_the_link_in_the_e_mail(client, world, smtp_inbox, settings):
    settings.BASE_URL = "https://crm.example.com"
    response = client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    [message] = smtp_inbox.messages
    assert message["to"] == ["alice@example.com"] and message["subject"] == "Reset your Followup password"
    assert "Your username is alice." in message["body"]

    form = client.get(reset_link(message, settings.BASE_URL), follow=True)
    assert 'name="new_password1"' in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == reverse("password_reset_complete")
    assert client.post(reverse("login"), {"username": "alice", "password": NEW}).status_code == 302


def test_the_reset_link_works_once(client, world, smtp_inbox, settings):
    client.post(reverse("password_reset"), {"email": "alice@example.com"})
    link = reset_link(smtp_inbox.messages[0], settings.BASE_URL)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    again = client.get(link, follow=True).content.decode()
    assert "This link no longer works" in again and 'name="new_password1"' not in again


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(client, world, smtp_inbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("password_reset_done")
    assert smtp_inbox.messages == []


def test_a_bad_address_is_named(client, world, smtp_inbox):
    response = client.post(reverse("password_reset"), {"email": "not an address"})
    assert response.status_code == 200 and 'id="err-email"' in response.content.decode()
    assert smtp_inbox.messages == []


def test_the_reset_e_mail_speaks_the_language_of_the_page(client, world, smtp_inbox):
    client.post(reverse("password_reset"), {"email": "alice@example.com"}, HTTP_ACCEPT_LANGUAGE="pl")
    [message] = smtp_inbox.messages
    assert message["subject"] == "Zresetuj hasło do Followup"
    assert "Twoja nazwa użytkownika to alice." in message["body"]
