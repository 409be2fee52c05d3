"""Every read of tasks that a page or endpoint needs, with the related rows it shows.

List selectors return a ``Page`` (one row more is fetched than shown; no totals), load only
what a list shows, and run a constant number of queries whatever the page size. The task page's
reads are in ``page_selectors``.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from followup.accounts.models import NAME_COLUMNS, User
from followup.core.compiled import CompiledCount, CompiledModels
from followup.core.pagination import Page, clamp_page_size, page_of, paginate, parse_page_number
from followup.core.textsearch import contains, fts_match, fts_phrase, fts_serves
from followup.customers.apps import SEARCHED_COLUMNS as CUSTOMER_SEARCHED
from followup.customers.models import Customer
from followup.tasks.access import has_tasks, organization_tasks, tasks_of_organization, tasks_visible_to
from followup.tasks.models import Task, TaskAssignment, TaskStatus, TaskType


class TaskView(StrEnum):
    """D2: the four lists."""

    MY_PENDING = "my_pending"
    UNASSIGNED = "unassigned"
    ALL_PENDING = "all_pending"
    COMPLETED = "completed"


class TaskSort(StrEnum):
    DUE = "due"
    DUE_DESC = "-due"
    PRIORITY = "priority"
    PRIORITY_DESC = "-priority"


@dataclass(frozen=True)
class TaskFilters:
    """A4: free text and filters; ``include_closed`` is J9's "show all"."""

    q: str = ""
    type_id: int | None = None
    status_id: int | None = None
    priority: int | None = None
    assignee_id: int | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    overdue: bool = False
    include_closed: bool = False
    sort: TaskSort = TaskSort.DUE


LIST_COLUMNS = (
    "id", "title", "priority", "due_date", "due_at", "is_pending", "assignee_count", "version",
    "completed_at", "owner_id", "co_owner_id", "parent_id", "project_id", "deal_id", "memo_id", "source",
    "customer__id", "customer__name", "customer__email", "customer__phone",
    "status__id", "status__name", "status__category", "status__color",
    "type__id", "type__name", "type__icon",
)


def today_for(actor: User) -> dt.date:
    return timezone.localdate()


def _base_for_view(actor: User, view: TaskView, filters: TaskFilters) -> QuerySet[Task]:
    pending_only = not filters.include_closed
    if view == TaskView.MY_PENDING:
        if pending_only:
            # A join (not ``id IN (...)``) through the assignment rows, ordered by their copy of
            # the due date (see ``_ordering``): PostgreSQL then walks the partial index
            # assignment_my_pending (user, due_date, task) WHERE is_pending in list order and
            # stops after one page, instead of scanning the organization's tasks.
            return _my_pending(tasks_of_organization(actor), actor.pk)
        mine = TaskAssignment.objects.filter(user_id=actor.pk)
        return tasks_of_organization(actor).filter(id__in=mine.values("task_id"))
    if view == TaskView.COMPLETED:
        return tasks_of_organization(actor).filter(completed_by_id=actor.pk, completed_at__isnull=False)
    qs = tasks_visible_to(actor)
    if view == TaskView.UNASSIGNED:
        qs = qs.filter(assignee_count=0)
    return qs.filter(is_pending=True) if pending_only else qs


def _my_pending(tasks: QuerySet[Task], user_id: int) -> QuerySet[Task]:
    return tasks.filter(assignments__user_id=user_id, assignments__is_pending=True)


@lru_cache(maxsize=8)
def _my_pending_page(size: int) -> CompiledModels:
    """Issue 16 §1: the first page of My pending as it opens (no filter, the default order), the
    page every member sees first and most, compiled once per process: building and compiling
    its query cost as much as running it."""
    return CompiledModels(lambda organization_id, user_id: _list_columns(
        _my_pending(organization_tasks(organization_id), user_id).order_by(
            *_ordering(TaskView.MY_PENDING, TaskSort.DUE, TaskFilters())))[:size + 1], "organization_id", "user_id")


def _matching_customers(actor: User, text: str) -> QuerySet[Customer]:
    """Customers whose name, e-mail or phone contains the text. On PostgreSQL each of the three
    is a trigram index on UPPER(column) (customers migration 0002), combined by a BitmapOr; on
    SQLite one FTS5 trigram index of the three (``followup.core.textsearch``)."""
    searched = contains(text, table="customers_customer", columns=CUSTOMER_SEARCHED)
    return _customers_where(actor.organization_id, searched)


def _customers_where(organization_id: int, condition: Q) -> QuerySet[Customer]:
    return Customer.objects.filter(organization_id=organization_id).filter(condition)


def _title_contains(text: str, *, scan: bool = False) -> Q:
    return contains(text, table="tasks_task", columns=["title"], scan=scan)


def _title_or_customer(title: Q, customers: QuerySet[Customer]) -> Q:
    return title | Q(customer_id__in=customers.values("id"))


def _search(qs: QuerySet[Task], actor: User, text: str) -> QuerySet[Task]:
    """A4: title, or the customer's name, e-mail or phone, contains the text."""
    return qs.filter(_title_or_customer(_title_contains(text), _matching_customers(actor, text)))


@lru_cache(maxsize=8)
def _my_search_page(size: int) -> CompiledModels:
    """Issue 16 §1: the first page of an ordinary member's search of My pending on SQLite, where
    both sides of the search are FTS5 probes (``_search``'s one query, its two FTS5 phrases bound):
    compiled once per process, since building it cost three times as long as running it (a rare
    word, a member's 25 pending tasks: 3.3 ms of Python around 0.9 ms of SQL)."""
    def build(organization_id: int, user_id: int, phrase: str) -> QuerySet[Task]:
        title = fts_match(phrase, table="tasks_task")
        customers = _customers_where(organization_id, fts_match(phrase, table="customers_customer"))
        tasks = _my_pending(organization_tasks(organization_id), user_id).filter(_title_or_customer(title, customers))
        return _list_columns(tasks.order_by(*_ordering(TaskView.MY_PENDING, TaskSort.DUE, TaskFilters())))[:size + 1]
    return CompiledModels(build, "organization_id", "user_id", "phrase")


def _compiled_search(actor: User, view: TaskView, filters: TaskFilters, text: str, number: int) -> bool:
    """Whether ``_my_search_page`` serves this search: My pending's first page, searched and not
    filtered otherwise, both tables answered by their FTS5 shadows."""
    return (view == TaskView.MY_PENDING and number == 1 and filters == TaskFilters(q=filters.q)
            and fts_serves(text, "tasks_task") and fts_serves(text, "customers_customer") and has_tasks(actor))


def _apply_filters(qs: QuerySet[Task], actor: User, filters: TaskFilters, *, search: bool = True) -> QuerySet[Task]:
    if search and filters.q.strip():
        qs = _search(qs, actor, filters.q.strip())
    if filters.type_id:
        qs = qs.filter(type_id=filters.type_id)
    if filters.status_id:
        qs = qs.filter(status_id=filters.status_id)
    if filters.priority:
        qs = qs.filter(priority=filters.priority)
    if filters.assignee_id:
        qs = qs.filter(id__in=TaskAssignment.objects.filter(user_id=filters.assignee_id).values("task_id"))
    if filters.due_from:
        qs = qs.filter(due_date__gte=filters.due_from)
    if filters.due_to:
        qs = qs.filter(due_date__lte=filters.due_to)
    if filters.overdue:
        qs = qs.filter(is_pending=True, due_date__lt=today_for(actor))
    return qs


def _ordering(view: TaskView, sort: TaskSort, filters: TaskFilters | None = None) -> list[str]:
    if view == TaskView.COMPLETED and sort == TaskSort.DUE:
        return ["-completed_at", "-id"]
    if view == TaskView.MY_PENDING and sort in (TaskSort.DUE, TaskSort.DUE_DESC) and filters is not None \
            and not filters.include_closed:
        # The same order as (due_date, id), read from the joined assignment row so that the
        # partial index assignment_my_pending yields the rows already sorted.
        sign = "-" if sort == TaskSort.DUE_DESC else ""
        return [f"{sign}assignments__due_date", f"{sign}assignments__task_id"]
    return {
        TaskSort.DUE: ["due_date", "id"],
        TaskSort.DUE_DESC: ["-due_date", "-id"],
        TaskSort.PRIORITY: ["priority", "due_date", "id"],
        TaskSort.PRIORITY_DESC: ["-priority", "due_date", "id"],
    }[sort]


def assignees_prefetch() -> Prefetch:
    return Prefetch(
        "assignees",
        queryset=User.objects.only(*NAME_COLUMNS).order_by("first_name", "id"),
    )


def list_rows(qs: QuerySet[Task]) -> QuerySet[Task]:
    """Only the columns a list shows, with the rows it shows next to each task."""
    return _list_columns(qs).prefetch_related(assignees_prefetch())


def _list_columns(qs: QuerySet[Task]) -> QuerySet[Task]:
    return qs.select_related("customer", "status", "type").only(*LIST_COLUMNS)


def task_list(
    *, actor: User, view: TaskView, filters: TaskFilters = TaskFilters(), page: int = 1, size: int | None = None,
) -> Page[Task]:
    """D2, A4, J9: one page of one of the four lists. Queries: tasks, assignees (a search adds
    its probes, ``_search_page``)."""
    text = filters.q.strip()
    if text:
        return _search_page(actor=actor, view=view, filters=filters, text=text, page=page, size=size)
    if view == TaskView.MY_PENDING and filters == TaskFilters() and parse_page_number(page) == 1 and has_tasks(actor):
        size = clamp_page_size(size)
        return _first_page(_my_pending_page(size), size, organization_id=actor.organization_id, user_id=actor.pk)
    qs = _apply_filters(_base_for_view(actor, view, filters), actor, filters)
    qs = list_rows(qs.order_by(*_ordering(view, filters.sort, filters)))
    return paginate(qs, number=page, size=size)


def _first_page(compiled: CompiledModels, size: int, **params) -> Page[Task]:
    """A list's first page read by a query compiled once, its rows' assignees with it."""
    found = page_of(compiled.models(**params), number=1, size=size)
    prefetch_related_objects(found.items, assignees_prefetch())
    return found


SEARCH_PROBE = 2000
#: A common word's first pages are looked for among this many rows at the top of the list first.
DENSE_PREFIX = 2000


def _sort_keys(keys: list[tuple], order: list[str]) -> list[tuple]:
    """Sort rows of ``order``'s columns as the database would (stable sorts, last key first)."""
    for position in reversed(range(len(order))):
        keys.sort(key=lambda k: k[position], reverse=order[position].startswith("-"))
    return keys


def _search_page(*, actor: User, view: TaskView, filters: TaskFilters, text: str, page: int,
                 size: int | None) -> Page[Task]:
    """A4: tasks whose title, or whose customer's name, e-mail or phone, contains the text, served
    by trigram indexes (PostgreSQL: tasks and customers migrations 0002; SQLite: FTS5, see
    ``core.textsearch``). The matching customers' ids are fetched first, then a common word's
    first pages are looked for among the list's top rows (``_dense_page``, both databases).

    Then on PostgreSQL, for a selective word, the sort keys of the matching tasks in one unordered
    query (a BitmapOr of the title's trigram index and the customer index, at most
    ``SEARCH_PROBE`` rows), sorted here, and the page's rows loaded by id: asked for the first
    page in order, the planner walks the due-date index and filters tens of thousands of rows for
    a word in a thousand tasks. Else the plain ordered filter (the same rows in the same order).
    Queries: customers' ids, the top rows' bound and the page among them, the tasks' keys (or the
    page), the page's rows, their assignees."""
    size = clamp_page_size(size)
    number = max(1, int(page or 1))
    if _compiled_search(actor, view, filters, text, number):
        return _first_page(_my_search_page(size), size, organization_id=actor.organization_id, user_id=actor.pk,
                           phrase=fts_phrase(text))
    base = _apply_filters(_base_for_view(actor, view, filters), actor, filters, search=False)
    cut = number * size + 1  # the rows up to the end of the page, and one more
    order = _ordering(view, filters.sort, filters)
    matching = None
    if cut <= SEARCH_PROBE:
        # The customers' ids first, as a list: inside a semi-join under a LIMIT PostgreSQL's
        # planner prefers a parallel scan of every customer to the three trigram indexes.
        customer_ids = list(_matching_customers(actor, text).order_by().values_list("id", flat=True)[:SEARCH_PROBE + 1])
        if len(customer_ids) <= SEARCH_PROBE:
            by_customer = Q(customer_id__in=customer_ids)
            found = None
            if cut <= DENSE_PREFIX // 4 and _rows_cheap_to_walk(actor, view):  # see there
                found = _dense_page(base, _title_contains(text, scan=True) | by_customer, order,
                                    number=number, size=size)
            if found is None and connection.vendor == "postgresql":
                found = _probed_page(base.filter(_title_contains(text) | by_customer), _ordering(view, filters.sort),
                                     number=number, size=size)
            if found is not None:
                return found
            matching = base.filter(_title_contains(text) | by_customer)
    if matching is None:  # a deep page, or more matching customers than a list should hold
        matching = _search(base, actor, text)
    return paginate(list_rows(matching.order_by(*order)), number=number, size=size)


def _rows_cheap_to_walk(actor: User, view: TaskView) -> bool:
    """Whether the top of the list is a plain walk of an index: not so for an ordinary member's
    All pending, whose every row passes the visibility rule's probes first (finding the 2,000th
    visible row took 180 ms at a million tasks, where the probes answer a rare word in 35 ms).
    A page deep in the list is rarely all in its top rows either (``_search_page``)."""
    return view != TaskView.ALL_PENDING or actor.sees_every_task


def _probed_page(matching: QuerySet[Task], order: list[str], *, number: int, size: int) -> Page[Task] | None:
    """PostgreSQL: the sort keys of every match, when there are at most ``SEARCH_PROBE``, sorted
    here, and the page's rows loaded by id (``None``: more matches than that)."""
    columns = [name.lstrip("-") for name in order]
    found = list(matching.order_by().values_list(*columns)[:SEARCH_PROBE + 1])
    if len(found) > SEARCH_PROBE:
        return None
    start = (number - 1) * size
    keys = _sort_keys(found, order)[start:start + size + 1]
    ids = [key[columns.index("id")] for key in keys[:size]]
    rows = {task.pk: task for task in list_rows(Task.objects.filter(pk__in=ids))} if ids else {}
    return Page(items=[rows[i] for i in ids if i in rows], number=number, size=size, has_next=len(keys) > size)


def _dense_page(base: QuerySet[Task], matching: Q, order: list[str], *, number: int, size: int) -> Page[Task] | None:
    """A common word's page, when the top ``DENSE_PREFIX`` rows of the list hold it: those rows
    are the ones whose first sort key is at most (or, descending, at least) the key of the
    ``DENSE_PREFIX``-th row, a prefix of the list in its own order, so the matches among them
    come first among all matches too. One index-only probe finds that key, one ordered query
    bounded by it reads the page, testing each row's title (``scan``). Found here, a word in a
    quarter of the titles skips the index that would gather all its matches first (12 ms at a
    million tasks on PostgreSQL, over 500 ms on SQLite); a rarer word finds too few and goes on
    (``None``: not found here)."""
    first = order[0].lstrip("-")
    if "__" in first:
        return None  # My pending's order, read through its assignment row: its search is quick already
    # Always true, but SQLite 3.40 then walks the pending tasks' own index (0.09 ms for 2,000 rows),
    # not every task's, reading each row's is_pending from the table (4.8 ms).
    walked = base.filter(due_date__gte=dt.date.min) if first == "due_date" else base
    bound = walked.order_by(*order).values_list(first, flat=True)[DENSE_PREFIX - 1:DENSE_PREFIX]
    key = next(iter(bound), None)
    if key is None:
        return None  # a list shorter than the prefix: the plain paths serve it
    lookup = f"{first}__gte" if order[0].startswith("-") else f"{first}__lte"
    start = (number - 1) * size
    rows = list(_list_columns(base.filter(matching, **{lookup: key}).order_by(*order))[start:start + size + 1])
    if len(rows) <= size:
        return None
    prefetch_related_objects(rows[:size], assignees_prefetch())  # only for a page found here
    return page_of(rows, number=number, size=size)


_PENDING_COUNT = CompiledCount(
    lambda user_id: TaskAssignment.objects.filter(user_id=user_id, is_pending=True), "user_id")


def pending_count(actor: User) -> int:
    """D1: the header badge, the number of my pending tasks (an index-only count), on every page:
    compiled once per process (``core.compiled``)."""
    if not actor.is_authenticated or not actor.organization_id or not actor.organization.tasks_enabled:
        return 0
    return _PENDING_COUNT.count(user_id=actor.pk)


def customer_tasks(*, actor: User, customer: Customer, include_closed: bool = True, page: int = 1,
                   size: int | None = None) -> Page[Task]:
    """C1, C4, D7: the tasks of one customer that the actor may see, open ones first."""
    qs = tasks_visible_to(actor).filter(customer_id=customer.pk)
    if not include_closed:
        qs = qs.filter(is_pending=True)
    return paginate(list_rows(qs.order_by("-is_pending", "due_date", "id")), number=page, size=size)


def task_statuses(actor: User, *, active_only: bool = True, keep: int | None = None) -> list[TaskStatus]:
    """The statuses forms and filters offer, in the administrators' order; ``keep`` adds the
    retired one a task being edited still has (L6: retiring keeps its tasks intact)."""
    qs = TaskStatus.objects.filter(organization_id=actor.organization_id)
    return list(qs.filter(Q(is_active=True) | Q(pk=keep)) if active_only else qs)


def task_types(actor: User, *, active_only: bool = True, keep: int | None = None) -> list[TaskType]:
    """The task types forms and filters offer (L5); ``keep`` as for ``task_statuses``."""
    qs = TaskType.objects.filter(organization_id=actor.organization_id)
    return list(qs.filter(Q(is_active=True) | Q(pk=keep)) if active_only else qs)


def with_parent_titles(tasks: list[Task]) -> list[Task]:
    """J7: give each subtask among ``tasks`` its main task's title (``parent_title``), for the
    list to show subtly: one query, none when there is no subtask on the page."""
    ids = {t.parent_id for t in tasks if t.parent_id}
    titles = dict(Task.objects.filter(pk__in=ids).values_list("pk", "title")) if ids else {}
    for t in tasks:
        t.parent_title = titles.get(t.parent_id)
    return tasks
