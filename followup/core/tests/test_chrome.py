"""Issue 16 §1: the page chrome is drawn once per person and section, and reused; what it shows
still follows every change (name, role, organization, language), and what differs on every
request (the pending badge, the logout form's CSRF token) is that request's."""

import re

import pytest
from django.urls import reverse

from followup.accounts.models import Role


@pytest.fixture
def alice(world, login):
    return login(world.alice)


def account_menu(html: str) -> str:
    return html[html.index('<div class="menu-head">'):html.index("</details>", html.index('<div class="menu-head">'))]


def test_a_renamed_person_sees_the_new_name_at_once(world, alice):
    assert "Alice Archer" in account_menu(alice.get(reverse("customers:list")).content.decode())
    world.alice.first_name = "Alicia"
    world.alice.save()
    menu = account_menu(alice.get(reverse("customers:list")).content.decode())
    assert "Alicia Archer" in menu and "Alice Archer" not in menu


def test_a_new_role_shows_its_menu_at_once(world, alice):
    settings_link = f'href="{reverse("setup:general")}"'
    assert settings_link not in alice.get(reverse("customers:list")).content.decode()
    world.alice.role = Role.ADMIN
    world.alice.save()
    assert settings_link in alice.get(reverse("customers:list")).content.decode()


def test_two_people_never_share_a_bar(world, client):
    client.force_login(world.alice)
    client.get(reverse("customers:list"))
    client.force_login(world.bob)
    menu = account_menu(client.get(reverse("customers:list")).content.decode())
    assert "Bob Baker" in menu and "Alice" not in menu


def test_the_bar_follows_the_language(world, alice):
    alice.get(reverse("customers:list"))
    world.alice.language = "pl"
    world.alice.save()
    assert 'aria-label="Główne"' in alice.get(reverse("customers:list")).content.decode()


def test_the_logout_form_carries_this_requests_csrf_token(alice):
    html = alice.get(reverse("customers:list")).content.decode()
    header_token = re.search(r'"X-CSRFToken": "(\w+)"', html).group(1)
    logout = html[html.index(f'action="{reverse("logout")}"'):]
    assert re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', logout).group(1) == header_token


def test_the_badge_counts_on_every_request(world, alice):
    before = alice.get(reverse("customers:list")).content.decode()
    assert re.search(r'id="task-badge"[^>]*>0</span>', before)
    world.task(assignees=[world.alice])
    after = alice.get(reverse("customers:list")).content.decode()
    assert re.search(r'id="task-badge"[^>]*>1</span>', after)
