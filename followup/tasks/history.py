"""D3: the task's modification record: who changed which field from what to what, and when.

The task services take a ``Snapshot`` before and after a change and record the difference, so
the history shows the values as a person reads them (names, labels, local times), not ids.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from followup.accounts.models import User
from followup.tasks.models import HistoryEntry, Priority, Task


@dataclass
class Snapshot:
    """The display form of a task's fields, to record what an edit changed."""

    values: dict[str, str]

    @classmethod
    def of(cls, task: Task, assignees: Iterable[User]) -> "Snapshot":
        local_due = timezone.localtime(task.due_at).strftime("%H:%M") if task.due_at else ""
        return cls({
            "title": task.title,
            "customer": task.customer.name if task.customer_id else "",
            "assignees": ", ".join(sorted(u.display_name for u in assignees)),
            "priority": str(Priority(task.priority).label),
            "status": task.status.name,
            "type": task.type.name if task.type_id else "",
            "due_date": task.due_date.isoformat(),
            "due_time": local_due,
            "duration_minutes": str(task.duration_minutes or ""),
            "description": task.description,
        })

    def diff(self, after: "Snapshot") -> list[dict[str, str]]:
        return [
            {"field": field, "old": old, "new": after.values[field]}
            for field, old in self.values.items()
            if after.values[field] != old
        ]


def history_record(task: Task, actor: User | None, action: str, changes: list[dict] | None = None) -> HistoryEntry:
    """One entry of the record, in the transaction of the change it describes."""
    return HistoryEntry.objects.create(task=task, actor=actor, action=action, changes=changes or [])
