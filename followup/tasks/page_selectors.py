"""The task page's reads (D3, A3): the task with everything its page shows, what it belongs to,
its notes, history and subtasks. The API's task endpoints read through the same functions."""

from django.db.models import CharField, Value

from followup.accounts.models import NAME_COLUMNS, User
from followup.core.compiled import CompiledModels, CompiledRows
from followup.core.prefetch import give_prefetched, has_rows
from followup.deals.access import deals_visible_to
from followup.memos.access import memos_visible_to
from followup.projects.access import projects_visible_to
from followup.tasks import panels
from followup.tasks.access import (
    TaskSubscription,
    ensure_sees_loaded_task,
    organization_tasks,
    task_get_before_the_rule,
    tasks_visible_to,
)
from followup.tasks.models import HistoryEntry, Note, Task, TaskAssignment
from followup.tasks.selectors import list_rows

PEOPLE_COLUMNS = (*NAME_COLUMNS, "email")


# Issue 16 §1, the task page's checked fetch: its two queries compiled once per process. The
# people are the task's assignments and subscriptions and up to three more (owner, co-owner, who
# completed it; 0 for none): each parameter appears once in the SQL.
_TASK = CompiledModels(
    lambda organization_id, task_id: organization_tasks(organization_id).filter(pk=task_id)
    .select_related("customer", "status", "type")
    # Whether it has subtasks (most have none: their query is then not run), and what the page's
    # sections ask of the task.
    .annotate(has_subtasks=has_rows(Task, "parent", Task), **panels.task_page_annotations()),
    "organization_id", "task_id")
_THROUGH = [f"user__{column}" for column in PEOPLE_COLUMNS]
_PEOPLE = CompiledRows(
    lambda assigned_to, subscribed_to, owner, co_owner, completed_by: (
        TaskAssignment.objects.filter(task_id=assigned_to).values_list(*_THROUGH, Value("assignee", CharField()))
        .union(TaskSubscription.objects.filter(task_id=subscribed_to)
               .values_list(*_THROUGH, Value("subscriber", CharField())),
               User.objects.filter(pk__in=[owner, co_owner, completed_by])
               .values_list(*PEOPLE_COLUMNS, Value("", CharField())), all=True)),
    "assigned_to", "subscribed_to", "owner", "co_owner", "completed_by")


def task_detail(*, actor: User, task_id: int) -> Task:
    """D3, A3: one task with everything its page shows, in two queries: the task (its customer,
    status, type and what the page's sections ask, ``panels.annotate``), and every person the page
    names (assignees, subscribers; owner, co-owner, who completed it) as one ``UNION ALL`` of plain
    values, each row saying its person's part; the visibility rule is then tested on those people
    (``access.sees_loaded_task``: its probes compiled into the first query cost 1.1 ms of 17). A
    seven-table join cost 12 ms to compile and plan on PostgreSQL (0.4 ms to run); building and
    compiling the two queries, 1.5 ms of the 2.3 ms they took on SQLite."""
    task = task_get_before_the_rule(actor=actor, task_id=task_id, fetch=lambda organization_id, pk: _TASK.models(
        organization_id=organization_id, task_id=pk))
    rows = _PEOPLE.rows(assigned_to=task.pk, subscribed_to=task.pk, owner=task.owner_id or 0,
                        co_owner=task.co_owner_id or 0, completed_by=task.completed_by_id or 0)
    people: dict[int, User] = {}
    roles: dict[str, list[User]] = {"assignee": [], "subscriber": []}
    for *values, role in rows:
        person = people.setdefault(values[0], User.from_db(task._state.db, list(PEOPLE_COLUMNS), values))
        if role:
            roles[role].append(person)
    give_prefetched(task, "assignees", sorted(roles["assignee"], key=lambda u: (u.first_name, u.pk)))
    task.subscriber_list = sorted(roles["subscriber"], key=lambda u: (u.first_name, u.last_name, u.pk))
    ensure_sees_loaded_task(actor, task, subscriber_ids={u.pk for u in roles["subscriber"]})
    for field in ("owner", "co_owner", "completed_by"):
        if getattr(task, f"{field}_id") is not None:
            setattr(task, field, people.get(getattr(task, f"{field}_id")))
    return task


def task_links(*, actor: User, task: Task) -> dict[str, tuple[int, str]]:
    """D3: what the task belongs to (its main task, project, memo and deal), as ``{kind: (id,
    title)}``, each only if the reader may see it (a link to a 404 helps nobody, and a memo's
    title is not the assignee's to read). One small query per link present, none without."""
    candidates = (
        ("parent", task.parent_id, tasks_visible_to, "title"),
        ("project", task.project_id, projects_visible_to, "name"),
        ("memo", task.memo_id, memos_visible_to, "title"),
        ("deal", task.deal_id, deals_visible_to, "title"),
    )
    links = {}
    for kind, pk, visible_to, field in candidates:
        if pk is not None:
            title = visible_to(actor).filter(pk=pk).values_list(field, flat=True).first()
            if title is not None:
                links[kind] = (pk, title)
    return links


# The task page's notes and history with their people, newest first (at most 200 of each),
# compiled once per process (``core.compiled``); every column (a column list, ``only()``, made
# each query 0.13 ms slower to build than the few bytes it saved).
_NOTES = CompiledModels(lambda task_id: Note.objects.filter(task_id=task_id).select_related("author")
                        .order_by("-created_at", "-id")[:200], "task_id")
_HISTORY = CompiledModels(lambda task_id: HistoryEntry.objects.filter(task_id=task_id).select_related("actor")
                          .order_by("-created_at", "-id")[:200], "task_id")


def task_notes(*, task: Task) -> list[Note]:
    return _NOTES.models(task_id=task.pk)


def task_history(*, task: Task) -> list[HistoryEntry]:
    return _HISTORY.models(task_id=task.pk)


def task_subtasks(*, task: Task) -> list[Task]:
    """J7, J10: the subtasks of a task the actor sees, oldest first, with their assignees:
    two queries whatever their number, none for a task that ``task_detail`` found has none."""
    if getattr(task, "has_subtasks", True) is False:
        return []
    return list(list_rows(Task.objects.filter(parent_id=task.pk)).order_by("created_at", "id"))


def subtask_progress(subtasks: list[Task]) -> tuple[int, int]:
    """(done, all) of a task's subtasks."""
    return sum(1 for t in subtasks if not t.is_pending), len(subtasks)
