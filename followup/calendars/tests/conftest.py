"""A JSON client on the calendar API with a person's browser session, as the calendar page's script uses it."""

import json

import pytest

API = "/api/v1/calendar/"


class CalendarClient:
    def __init__(self, client):
        self.client = client

    def events(self, **params):
        return self.client.get(API + "events", params)

    def move(self, task_id, body=None, **headers):
        return self.client.post(f"{API}tasks/{task_id}/move", json.dumps(body or {}, default=str),
                                content_type="application/json", headers=headers)


@pytest.fixture
def calendar_of(client):
    def _as(user):
        client.force_login(user)
        return CalendarClient(client)
    return _as
