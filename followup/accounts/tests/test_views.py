import pytest
from django.urls import reverse

from conftest import PASSWORD
from followup.accounts.models import ApiToken
from followup.accounts.services import api_token_create, api_token_user


def test_login_page_renders(client, world):
    html = client.get(reverse("login")).content.decode()
    assert 'name="username"' in html and '<html lang="en"' in html


def test_login_with_right_password_lands_on_the_task_lists(client, world):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("tasks:list")


def test_login_lands_on_the_customers_when_the_task_module_is_off(client, world):
    """Issue 13 §1.5 (D12): the first module that is on, not a 404."""
    world.org.tasks_enabled = False
    world.org.save()
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("customers:list")


def test_login_with_wrong_password_shows_error(client, world):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200 and "alert-error" in response.content.decode()


def test_login_is_throttled_after_failures_even_with_right_password(client, world, settings):
    settings.LOGIN_THROTTLE_FAILURES = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": "alice", "password": "nope"})
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_throttle_is_per_username(client, world, settings):
    settings.LOGIN_THROTTLE_FAILURES = 2
    for _ in range(2):
        client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert client.post(reverse("login"), {"username": "bob", "password": PASSWORD}).status_code == 302


def test_successful_login_clears_failures(client, world, settings):
    settings.LOGIN_THROTTLE_FAILURES = 3
    for _ in range(2):
        client.post(reverse("login"), {"username": "alice", "password": "nope"})
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    client.logout()
    for _ in range(2):
        client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert client.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code == 302


def test_logout_needs_post(world, login):
    client = login(world.alice)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_root_without_login_goes_to_login(client, world):
    assert client.get("/")["Location"] == reverse("login")


def test_profile_renders(world, login):
    assert login(world.alice).get(reverse("profile")).status_code == 200


def test_profile_sets_time_zone(world, login):
    login(world.alice).post(reverse("profile"), {"action": "time_zone", "time_zone": "Europe/Warsaw"})
    world.alice.refresh_from_db()
    assert world.alice.time_zone == "Europe/Warsaw"


def test_profile_refuses_unknown_time_zone(world, login):
    response = login(world.alice).post(reverse("profile"), {"action": "time_zone", "time_zone": "Mars/Olympus"})
    assert "Choose a time zone from the list." in response.content.decode()
    world.alice.refresh_from_db()
    assert world.alice.time_zone == "UTC"


def test_token_is_shown_once(world, login):
    client = login(world.alice)
    html = client.post(reverse("profile"), {"action": "token_create", "name": "Phone"}).content.decode()
    raw = html.split('id="new-token">')[1].split("<")[0]
    assert api_token_user(raw) == world.alice
    assert raw not in client.get(reverse("profile")).content.decode()


def test_token_without_name_is_named(world, login):
    html = login(world.alice).post(reverse("profile"), {"action": "token_create", "name": ""}).content.decode()
    assert "Give the token a name" in html


def test_token_revoke(world, login):
    token, _raw = api_token_create(user=world.alice, name="Old")
    login(world.alice).post(reverse("profile"), {"action": "token_revoke", "token_id": token.pk})
    assert not ApiToken.objects.filter(pk=token.pk).exists()


@pytest.mark.parametrize("token_id", ["abc", ""])
def test_token_revoke_bad_id_is_404(world, login, token_id):
    response = login(world.alice).post(reverse("profile"), {"action": "token_revoke", "token_id": token_id})
    assert response.status_code == 404


def test_cannot_revoke_someone_elses_token(world, login):
    token, _raw = api_token_create(user=world.mallory, name="Theirs")
    response = login(world.alice).post(reverse("profile"), {"action": "token_revoke", "token_id": token.pk})
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
