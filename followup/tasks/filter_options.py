"""What a task list's filter bar offers (D2, L5, L6): the organization's active types and
statuses, in the administrators' order, read in one query compiled once per process
(``core.compiled``): the two lists' querysets cost more to build and compile than to run, on
every list page."""

from dataclasses import dataclass

from django.db.models import CharField, Value

from followup.accounts.models import User
from followup.core.compiled import CompiledRows
from followup.tasks.models import TaskStatus, TaskType


@dataclass(frozen=True)
class Option:
    pk: int
    name: str


def _active(model, kind: str, org_id: int):
    return (model.objects.filter(organization_id=org_id, is_active=True).order_by()
            .values_list(Value(kind, CharField()), "position", "id", "name"))


_OPTIONS = CompiledRows(
    lambda statuses_of, types_of: _active(TaskStatus, "status", statuses_of).union(
        _active(TaskType, "type", types_of), all=True),
    "statuses_of", "types_of",
)


def filter_options(actor: User) -> tuple[list[Option], list[Option]]:
    """(statuses, types), each by position, then id (their models' order)."""
    found: dict[str, list[Option]] = {"status": [], "type": []}
    org_id = actor.organization_id
    for kind, _position, pk, name in sorted(_OPTIONS.rows(statuses_of=org_id, types_of=org_id)):
        found[kind].append(Option(pk, name))
    return found["status"], found["type"]
