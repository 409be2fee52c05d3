"""What made an automatic task, in words, for its page ("Created by the rule “Qualified → call”").

The apps that make tasks automatically live above this one, so they register how to describe
their origin (by ``Source``) when they start; the task page asks here.
"""

from collections.abc import Callable

from followup.tasks.models import Task

_describers: dict[str, Callable[[int], str | None]] = {}


def register(source: str, describe: Callable[[int], str | None]) -> None:
    """``describe(origin_id)`` returns the sentence, or ``None`` when the origin is gone."""
    _describers[source] = describe


def origin_text(task: Task) -> str | None:
    describe = _describers.get(task.source)
    if describe is None or task.origin_id is None:
        return None
    return describe(task.origin_id)
