"""§4: the English / Polski switch (login page, profile), the language kept on the user and
applied on every request, and the organization's language."""

import pytest
from django.conf import settings
from django.urls import reverse

from conftest import PASSWORD
from followup.accounts.models import Organization, User


def html_of(response) -> str:
    return response.content.decode()


def test_login_page_follows_the_browsers_language(client, world):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="pl-PL,pl;q=0.9,en;q=0.5")
    assert '<html lang="pl"' in html_of(response) and "Zaloguj się" in html_of(response)
    assert response["Content-Language"] == "pl"


def test_login_page_offers_both_languages_named_in_their_own_language(client, world):
    html = html_of(client.get(reverse("login")))
    assert 'value="en" lang="en"' in html and ">English</button>" in html
    assert 'value="pl" lang="pl"' in html and ">Polski</button>" in html


def test_switch_on_the_login_page_shows_it_in_the_chosen_language(client, world):
    response = client.post(reverse("language"), {"language": "pl", "next": reverse("login")})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pl"
    html = html_of(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en"))
    assert '<html lang="pl"' in html and "Nazwa użytkownika" in html


def test_signing_in_keeps_the_language_picked_on_the_login_page(client, world):
    client.post(reverse("language"), {"language": "pl", "next": reverse("login")})
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    world.alice.refresh_from_db()
    assert world.alice.language == "pl"
    assert '<html lang="pl"' in html_of(client.get(reverse("tasks:list")))


def test_first_sign_in_keeps_the_browsers_language(client, world):
    assert world.alice.language == ""
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="pl")
    world.alice.refresh_from_db()
    assert world.alice.language == "pl"


def test_a_chosen_language_wins_over_the_browsers(client, world):
    User.objects.filter(pk=world.alice.pk).update(language="en")
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="pl")
    world.alice.refresh_from_db()
    assert world.alice.language == "en"
    html = html_of(client.get(reverse("tasks:list"), HTTP_ACCEPT_LANGUAGE="pl"))
    assert '<html lang="en"' in html and "My pending" in html


def test_the_users_language_is_applied_on_every_request(world, login):
    User.objects.filter(pk=world.alice.pk).update(language="pl")
    world.alice.refresh_from_db()
    response = login(world.alice).get(reverse("customers:list"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="pl"' in html_of(response) and "Klienci" in html_of(response)
    assert response["Content-Language"] == "pl"


def test_the_switch_stores_a_signed_in_persons_choice(world, login):
    client = login(world.alice)
    response = client.post(reverse("language"), {"language": "pl", "next": reverse("profile")})
    assert response["Location"] == reverse("profile")
    world.alice.refresh_from_db()
    assert world.alice.language == "pl"


def test_the_switch_ignores_an_unknown_language(world, login):
    client = login(world.alice)
    response = client.post(reverse("language"), {"language": "xx", "next": reverse("profile")})
    assert response.status_code == 302 and settings.LANGUAGE_COOKIE_NAME not in response.cookies
    world.alice.refresh_from_db()
    assert world.alice.language == ""


def test_the_switch_does_not_send_anyone_off_the_site(client, world):
    response = client.post(reverse("language"), {"language": "pl", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_switch_needs_post(client, world):
    assert client.get(reverse("language")).status_code == 405


def test_preferred_language_falls_back_to_the_organizations(world):
    Organization.objects.filter(pk=world.org.pk).update(language="pl")
    alice = User.objects.select_related("organization").get(pk=world.alice.pk)
    assert alice.preferred_language == "pl"
    alice.language = "en"
    assert alice.preferred_language == "en"


def test_a_new_organization_speaks_the_sites_default_language(world):
    assert world.org.language == settings.LANGUAGE_CODE == "en"


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.com", PASSWORD)


def test_a_superuser_sets_an_organizations_language_in_the_admin(world, client, superuser):
    client.force_login(superuser)
    url = f"/admin/accounts/organization/{world.org.pk}/change/"
    assert 'name="language"' in html_of(client.get(url))
    response = client.post(url, {"name": world.org.name, "slug": world.org.slug, "language": "pl",
                                 "tasks_enabled": "on"})
    assert response.status_code == 302, html_of(response)[:2000]
    world.org.refresh_from_db()
    assert world.org.language == "pl"
