"""A phone for the sync tests: it keeps a copy made only of what ``GET /api/v1/sync`` sends.

``phone(world.alice).sync()`` pages until ``has_more`` is false, applying each page as a phone
app would: ``reset`` drops the copy, ``changed`` replaces objects, ``deleted`` drops ids, a 410
starts again from cursor 0."""

import pytest

from followup.accounts.services import api_token_create
from followup.api.tests.conftest import Api
from followup.sync.payloads import ORDER, SOURCES


class Phone:
    def __init__(self, api: Api, size: int = 500):
        self.api, self.size = api, size
        self.cursor = "0"
        self.copy: dict[str, dict[int, dict]] = {kind: {} for kind in ORDER}
        self.pages = 0
        self.resyncs = 0

    def page(self) -> dict:
        r = self.api.get("sync", cursor=self.cursor, size=self.size)
        if r.status_code == 410:
            self.resyncs += 1
            self.cursor = r.json()["cursor"]
            return {"has_more": True}
        assert r.status_code == 200, r.content
        body = r.json()
        if body["reset"]:
            self.copy = {kind: {} for kind in ORDER}
        for kind, objects in body["changed"].items():
            self.copy[kind].update({o["id"]: o for o in objects})
        for kind, ids in body["deleted"].items():
            for pk in ids:
                self.copy[kind].pop(pk, None)
        self.cursor = body["cursor"]
        self.pages += 1
        return body

    def sync(self) -> "Phone":
        for _ in range(1_000):
            if not self.page()["has_more"]:
                return self
        raise AssertionError("the sync never ended")

    def ids(self, kind: str) -> set[int]:
        return set(self.copy[kind])


def server_ids(user, kind: str) -> set[int]:
    """What the server says the person may see, straight from the apps' visibility rules."""
    return set(SOURCES[kind].visible(user).values_list("pk", flat=True))


@pytest.fixture
def phone(client):
    def _phone(user, size: int = 500) -> Phone:
        return Phone(Api(client, api_token_create(user=user, name="phone")[1]), size)

    return _phone
