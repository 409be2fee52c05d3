"""D3: the task's modification record: who changed which field from what to what, and when.

The task services take a ``Snapshot`` before and after a change and record the difference, so
the history shows the values as a person reads them (names, labels, local times), not ids.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from followup.accounts.models import User
from followup.tasks.models import HistoryEntry, Priority, Task

FIELD_LABELS = {
    # The history's field names as a reader sees them (the task page, notifications).
    "title": _("Title"), "customer": _("Customer"), "assignees": _("Assigned to"), "priority": _("Priority"),
    "status": _("Status"), "type": _("Type"), "due_date": _("Due date"), "due_time": _("Due time"),
    "duration_minutes": _("Duration"), "description": _("Description"), "subscribers": _("Subscribers"),
}


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


def field_label_of(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def change_lines(changes: list[dict[str, str]]) -> str:
    """J2: an edit in words, a line per field ("Due date: 2026-11-05 → 2026-11-06"); long texts
    such as the description are named, not quoted."""
    lines = []
    for change in changes:
        label = field_label_of(change["field"])
        if change["field"] == "description":
            lines.append(_("%(field)s changed") % {"field": label})
        else:
            lines.append(f"{label}: {change['old'] or '—'} → {change['new'] or '—'}")
    return "\n".join(lines)
