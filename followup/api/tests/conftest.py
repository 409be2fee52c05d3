"""An API client per person: ``api(world.alice).get("tasks", view="unassigned")``.

Each person gets a personal access token made by the real service, sent as a bearer token."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from followup.accounts.services import api_token_create

PREFIX = "/api/v1/"


class Api:
    def __init__(self, client, token: str):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def _headers(self, headers):
        return {**self.headers, **(headers or {})}

    def get(self, path, headers=None, **params):
        return self.client.get(PREFIX + path, params, headers=self._headers(headers))

    def post(self, path, data=None, *, raw=None, headers=None):
        body = raw if raw is not None else json.dumps(data if data is not None else {}, default=str)
        return self.client.post(PREFIX + path, body, content_type="application/json", headers=self._headers(headers))

    def patch(self, path, data=None, *, raw=None, headers=None):
        body = raw if raw is not None else json.dumps(data if data is not None else {}, default=str)
        return self.client.patch(PREFIX + path, body, content_type="application/json", headers=self._headers(headers))

    def delete(self, path, headers=None):
        return self.client.delete(PREFIX + path, headers=self._headers(headers))


def simultaneous_patches(people, path: str, body_of) -> dict[int, tuple[int, dict]]:
    """Each of ``people`` PATCHes ``path`` with ``body_of(i)`` at the same moment, from a thread
    and database connection of their own (a real race, for optimistic concurrency): person i's
    (status code, JSON answer) by i. Needs ``transactional_db``."""
    clients = [Api(Client(), api_token_create(user=u, name="race")[1]) for u in people]
    start = threading.Barrier(len(clients))
    results = {}

    def edit(i):
        try:
            start.wait()
            r = clients[i].patch(path, body_of(i))
            results[i] = (r.status_code, r.json())
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@pytest.fixture
def api(client):
    tokens = {}

    def _api(user):
        if user.pk not in tokens:
            tokens[user.pk] = api_token_create(user=user, name="tests")[1]
        return Api(client, tokens[user.pk])

    return _api
