"""The session store reads its row by SQL compiled once (``core.sessions``), and the backend
its user with the organization (``accounts.backends``): each browser gets its own session and
user, and an expired or unknown session is nobody's."""

import datetime as dt

from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone


def test_each_browser_is_its_own_user(world):
    alice, bob = Client(), Client()
    alice.force_login(world.alice)
    bob.force_login(world.bob)
    for _ in range(2):
        assert alice.get("/api/v1/me").json()["username"] == world.alice.username
        assert bob.get("/api/v1/me").json()["username"] == world.bob.username


def test_an_expired_session_signs_nobody_in(world, client):
    client.force_login(world.alice)
    assert client.get("/tasks/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))

    response = client.get("/tasks/")

    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_an_unknown_session_key_signs_nobody_in(world, client):
    client.force_login(world.alice)
    Session.objects.all().delete()

    assert client.get("/api/v1/counts").status_code == 401


def test_a_deactivated_user_is_signed_out(world, client):
    client.force_login(world.bob)
    world.bob.is_active = False
    world.bob.save(update_fields=["is_active"])

    assert client.get("/tasks/").status_code == 302
