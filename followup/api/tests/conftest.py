"""An API client per person: ``api(world.alice).get("tasks", view="unassigned")``.

Each person gets a personal access token made by the real service, sent as a bearer token."""

import json

import pytest

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


@pytest.fixture
def api(client):
    tokens = {}

    def _api(user):
        if user.pk not in tokens:
            tokens[user.pk] = api_token_create(user=user, name="tests")[1]
        return Api(client, tokens[user.pk])

    return _api
