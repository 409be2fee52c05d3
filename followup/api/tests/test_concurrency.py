"""Two people save the same task at the same moment with the version they both read: one edit
wins, the other answers 409 and changes nothing (real threads, real transactions)."""

import threading

from django.db import connection
from django.test import Client

from followup.accounts.services import api_token_create
from followup.api.tests.conftest import Api
from followup.tasks.models import Task


def test_simultaneous_patches_with_the_same_version_one_wins(transactional_db, world):
    task = world.task(assignees=[world.alice, world.bob])
    clients = [Api(Client(), api_token_create(user=u, name="race")[1]) for u in (world.alice, world.bob)]
    start = threading.Barrier(2)
    results = {}

    def edit(i):
        try:
            start.wait()
            r = clients[i].patch(f"tasks/{task.id}", {"version": 1, "title": f"Title {i}"})
            results[i] = (r.status_code, r.json())
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(code for code, _ in results.values()) == [200, 409]
    winner = next(i for i, (code, _) in results.items() if code == 200)
    loser = 1 - winner
    assert results[loser][1]["version"] == 2
    task = Task.objects.get(pk=task.id)
    assert task.title == f"Title {winner}" and task.version == 2
