"""§3.6: login throttling by (username, client) and by client, never by username alone."""

import datetime as dt
import ipaddress
import threading
import time

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from followup.accounts.models import LoginFailure

STRANGER = "203.0.113.66"
OFFICE = "198.51.100.7"
PROXY = "10.0.0.1"
USERNAME_THROTTLED = "Too many failed sign-ins for this username."
CLIENT_THROTTLED = "Too many failed sign-ins from your network."


def sign_in(client, username, password, address, forwarded_for=None, path=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(path or reverse("login"), {"username": username, "password": password}, **extra)


def signed_in(response) -> bool:
    return response.status_code == 302


def test_a_strangers_failures_do_not_lock_the_user_out(client, world):
    for _ in range(10):
        sign_in(client, "alice", "guess", STRANGER)

    assert signed_in(sign_in(client, "alice", PASSWORD, OFFICE))


def test_the_stranger_is_refused_even_with_the_right_password(client, world):
    for _ in range(5):
        sign_in(client, "alice", "guess", STRANGER)

    response = sign_in(client, "alice", PASSWORD, STRANGER)

    assert not signed_in(response)
    assert USERNAME_THROTTLED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_typos_leave_the_fifth_try(client, world):
    for _ in range(4):
        sign_in(client, "alice", "typo", OFFICE)

    assert signed_in(sign_in(client, "alice", PASSWORD, OFFICE))


def test_one_persons_typos_do_not_lock_out_the_office(client, world):
    for _ in range(5):
        sign_in(client, "alice", "typo", OFFICE)

    assert signed_in(sign_in(client, "bob", PASSWORD, OFFICE))


def test_passwords_sprayed_over_many_usernames_from_one_address_are_stopped(client, world):
    # 50 failures, 5 a username: none of them reaches the per-username limit.
    for i in range(50):
        sign_in(client, f"user{i % 10}", "Spring2026!", STRANGER)

    response = sign_in(client, "carol", PASSWORD, STRANGER)

    assert not signed_in(response)
    assert CLIENT_THROTTLED in response.content.decode()


def test_a_sprayers_address_does_not_stop_anyone_else(client, world):
    for i in range(50):
        sign_in(client, f"user{i % 10}", "Spring2026!", STRANGER)

    assert signed_in(sign_in(client, "carol", PASSWORD, OFFICE))


def test_address_threshold_is_a_setting(client, world, settings):
    settings.LOGIN_THROTTLE_ADDRESS_FAILURES = 3
    for name in ("x", "y", "z"):
        sign_in(client, name, "guess", STRANGER)

    assert CLIENT_THROTTLED in sign_in(client, "alice", PASSWORD, STRANGER).content.decode()


def test_a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored(client, world, settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(f"{PROXY}/32")]
    for i in range(5):
        sign_in(client, "alice", "guess", STRANGER, forwarded_for=f"192.0.2.{i}")

    response = sign_in(client, "alice", PASSWORD, STRANGER, forwarded_for="192.0.2.99")

    assert USERNAME_THROTTLED in response.content.decode()
    assert set(LoginFailure.objects.values_list("ip_address", flat=True)) == {STRANGER}


def test_behind_a_trusted_proxy_each_client_counts_by_its_forwarded_address(client, world, settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(f"{PROXY}/32")]
    for _ in range(5):
        sign_in(client, "alice", "guess", PROXY, forwarded_for=STRANGER)

    assert USERNAME_THROTTLED in sign_in(client, "alice", PASSWORD, PROXY, forwarded_for=STRANGER).content.decode()
    assert signed_in(sign_in(client, "alice", PASSWORD, PROXY, forwarded_for=OFFICE))


def test_an_ipv6_guesser_cannot_escape_by_changing_address_within_its_network(client, world):
    for i in range(5):
        sign_in(client, "alice", "guess", f"2001:db8:1:2::{i + 1}")

    response = sign_in(client, "alice", PASSWORD, "2001:db8:1:2:ffff::9")

    assert USERNAME_THROTTLED in response.content.decode()


def test_the_throttle_ends_after_its_minutes_however_often_the_guesser_tried(client, world):
    for _ in range(15):
        sign_in(client, "alice", "guess", STRANGER)
    assert LoginFailure.objects.count() == 5  # refused attempts are not kept

    LoginFailure.objects.update(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))

    assert signed_in(sign_in(client, "alice", PASSWORD, STRANGER))


def test_success_forgets_only_this_usernames_failures_from_this_client(client, world):
    for _ in range(3):
        sign_in(client, "alice", "typo", OFFICE)
        sign_in(client, "alice", "guess", STRANGER)
        sign_in(client, "bob", "typo", OFFICE)

    assert signed_in(sign_in(client, "alice", PASSWORD, OFFICE))

    left = sorted(LoginFailure.objects.values_list("username", "client_network"))
    assert left == [("alice", STRANGER)] * 3 + [("bob", OFFICE)] * 3


def test_usernames_are_counted_whatever_their_case(client, world):
    for name in ("Alice", "ALICE", "alice ", "aLiCe", "alice"):
        sign_in(client, name, "guess", STRANGER)

    assert USERNAME_THROTTLED in sign_in(client, "alice", PASSWORD, STRANGER).content.decode()


def test_admin_login_is_throttled_too(client, world):
    path = reverse("admin:login")
    for _ in range(5):
        sign_in(client, "adam", "guess", STRANGER, path=path)

    response = sign_in(client, "adam", PASSWORD, STRANGER, path=path)

    assert response.status_code == 200
    assert USERNAME_THROTTLED in response.content.decode()


def test_a_login_without_a_password_is_not_counted(client, world):
    sign_in(client, "alice", "", STRANGER)

    assert not LoginFailure.objects.exists()


class SlowHasher(MD5PasswordHasher):
    """Checks a password in about the time Argon2 takes in production (≈0.1 s), which is the
    window a burst of simultaneous guesses would slip through."""

    def verify(self, password, encoded):
        time.sleep(0.1)
        return super().verify(password, encoded)


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_simultaneous_guesses_gets_no_more_tries_than_slow_ones(world, settings):
    """Twenty guesses at the same moment, each from a thread and database connection of its own
    (as from twenty web processes): about five are checked, the others refused."""
    settings.PASSWORD_HASHERS = [f"{__name__}.SlowHasher"]
    start = threading.Barrier(20)
    answers = []

    def guess():
        try:
            start.wait()
            answers.append(sign_in(Client(), "alice", "guess", STRANGER).content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=guess) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    checked = LoginFailure.objects.count()
    # "About" five: a guess whose row is not committed yet when a later one counts can be missed.
    assert len(answers) == 20 and 5 <= checked <= 7
    assert sum(USERNAME_THROTTLED in a for a in answers) == 20 - checked
