"""Two people save the same task at the same moment with the version they both read: one edit
wins, the other answers 409 and changes nothing (real threads, real transactions)."""

from followup.api.tests.conftest import simultaneous_patches
from followup.tasks.models import Task


def test_simultaneous_patches_with_the_same_version_one_wins(transactional_db, world):
    task = world.task(assignees=[world.alice, world.bob])
    results = simultaneous_patches((world.alice, world.bob), f"tasks/{task.id}",
                                   lambda i: {"version": 1, "title": f"Title {i}"})
    assert sorted(code for code, _ in results.values()) == [200, 409]
    winner = next(i for i, (code, _) in results.items() if code == 200)
    loser = 1 - winner
    assert results[loser][1]["version"] == 2
    task = Task.objects.get(pk=task.id)
    assert task.title == f"Title {winner}" and task.version == 2
