"""C4: the customer profile's history, one list merging everything that happened around a
customer, newest first: its tasks created, completed and reopened (from the tasks' history, so
a completion that was later reopened is still there), notes on them, calls and e-mails logged
on them (A5), chat messages on its tasks and deals, its deals' creation, stage and status
changes, and the customer's own stage changes (lead, prospect, ...).

Only what the viewer may see: tasks through ``tasks_visible_to`` (J3, the one visibility rule),
deals through ``deals_visible_to``; notes and messages follow their task or deal. The
customer's stage changes are seen by whoever sees the customer (customers are shared by the
organization).

One page is two steps, so that the number of queries does not grow with the page or the history:
1. one ``UNION ALL`` of the sources' keys (kind, time, id), sorted and cut to the page in SQL;
2. the page's rows, one query per kind on the page (messages add one for their attachments,
   and the tasks and deals they name come in one query each).
At most 10 queries, whatever the page size, plus one per kind an app above adds.

Apps above customers add kinds of their own (forms add their submissions, D9; communications
the calls and e-mails logged on tasks, A5) with ``register_source`` from their
``AppConfig.ready()``: this module never imports them. A source whose rows belong to a task
says so (``follows_task``), and only the rows on tasks the viewer sees are shown.

The chat messages are two branches of the ``UNION ALL`` (on the customer's tasks, on its
deals), each an ``object_id IN (...)`` for one content type that the thread index
(``chatmessage_thread``) serves; one branch with ``OR`` of the two made PostgreSQL read every
message of the organization.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Model, QuerySet, Value

from followup.accounts.models import NAME_COLUMNS, User
from followup.chat.models import Message
from followup.core.compiled import CompiledRows
from followup.core.pagination import Page, clamp_page_size, page_of, paginate, parse_page_number
from followup.core.web import page_url_base
from followup.customers.models import Customer, StageChange
from followup.deals.access import deals_of_organization, deals_visible_to
from followup.deals.models import Deal, DealChange
from followup.tasks.access import rule_shape, tasks_visible_by_shape, tasks_visible_to
from followup.tasks.models import HistoryAction, HistoryEntry, Note, Task

TASK_CREATED, TASK_COMPLETED, TASK_REOPENED, NOTE, MESSAGE, DEAL_CHANGE, STAGE_CHANGE = KINDS = (
    "task_created", "task_completed", "task_reopened", "note", "message", "deal_change", "stage_change")
DONE_OR_REOPENED = {TASK_COMPLETED: HistoryAction.COMPLETED, TASK_REOPENED: HistoryAction.REOPENED}
PEOPLE = NAME_COLUMNS


def _people_fields(*relations: str) -> list[str]:
    """The columns a person's name and initials need, of each related user (for ``only()``)."""
    return [f"{relation}__{field}" for relation in relations for field in PEOPLE]


@dataclass
class Entry:
    """One line of the history. ``subject`` is the task or deal it is about (none for the
    customer's own stage change); ``item`` the note, message, deal change or stage change itself
    (the task, for a task created; the history entry, for one completed or reopened)."""

    kind: str
    at: datetime
    actor: User | None
    subject: Model | None
    item: Model
    template: str = ""  # a registered kind's line
    subject_url: str = ""  # the task's or deal's page

    @property
    def subject_is_deal(self) -> bool:
        return isinstance(self.subject, Deal)


@dataclass(frozen=True)
class Source:
    """A kind of line an app above adds: ``rows(customer)`` are its rows about the customer
    (with ``created_at``; seen by whoever sees the customer, or with ``follows_task`` only
    those whose ``task_id`` is a task the viewer sees), ``fetch()`` is the queryset a page's rows
    are read from by id (one query), ``actor(row)`` says who did it, ``template`` renders the
    line. ``rows`` may read only the customer's id and organization id: the History's keys are
    compiled once with a stand-in customer of those two (``_compiled_keys``)."""

    rows: Callable[[Customer], QuerySet]
    fetch: Callable[[], QuerySet]
    actor: Callable[[Model], User | None]
    template: str
    follows_task: bool = False
    subject: Callable[[Model], Model | None] = lambda _row: None


SOURCES: dict[str, Source] = {}


def register_source(kind: str, source: Source) -> None:
    """Add a kind of line to every customer's history (once, however often ``ready()`` runs)."""
    SOURCES[kind] = source


def _keys(qs: QuerySet, kind: str, at: str) -> QuerySet:
    """The (kind, time, id) of each row; every source names its columns alike, in one order."""
    return qs.order_by().annotate(
        tl_kind=Value(kind, output_field=CharField()), tl_at=F(at), tl_id=F("pk"),
    ).values_list("tl_kind", "tl_at", "tl_id")


def _sources(tasks: QuerySet[Task], deals: QuerySet[Deal], organization_id: int, customer: Customer,
             task_type: int, deal_type: int) -> list[QuerySet]:
    """Each source's keys: ``tasks`` and ``deals`` are what the reader sees, the content types'
    ids those of tasks and deals (parameters, so that the SQL compiled once holds no id)."""
    tasks, deals = tasks.filter(customer_id=customer.pk), deals.filter(customer_id=customer.pk)
    task_ids, deal_ids = tasks.values("id"), deals.values("id")
    messages = Message.objects.filter(organization_id=organization_id)
    return [
        _keys(tasks, TASK_CREATED, "created_at"),
        *(_keys(HistoryEntry.objects.filter(task_id__in=task_ids, action=action), kind, "created_at")
          for kind, action in DONE_OR_REOPENED.items()),
        _keys(Note.objects.filter(task_id__in=task_ids), NOTE, "created_at"),
        _keys(messages.filter(content_type_id=task_type, object_id__in=task_ids), MESSAGE, "created_at"),
        _keys(messages.filter(content_type_id=deal_type, object_id__in=deal_ids), MESSAGE, "created_at"),
        _keys(DealChange.objects.filter(deal_id__in=deal_ids), DEAL_CHANGE, "created_at"),
        _keys(StageChange.objects.filter(customer_id=customer.pk), STAGE_CHANGE, "created_at"),
        *(_keys(_seen_rows(source, customer, task_ids), kind, "created_at") for kind, source in SOURCES.items()),
    ]


def _seen_rows(source: Source, customer: Customer, task_ids: QuerySet) -> QuerySet:
    """A source's rows about the customer that the viewer sees: all of them, or with
    ``follows_task`` those on the tasks ``task_ids`` (the visible ones)."""
    rows = source.rows(customer)
    return rows.filter(task_id__in=task_ids) if source.follows_task else rows


def _merged_keys(*sources_of) -> QuerySet:
    """Every (kind, time, id) of the customer's history, newest first, as one UNION ALL query."""
    first, *rest = _sources(*sources_of)
    return first.union(*rest, all=True).order_by("-tl_at", "-tl_kind", "-tl_id")


@lru_cache(maxsize=32)
def _compiled_keys(shape: str, start: int, stop: int) -> CompiledRows:
    """Issue 16 §1: the keys of one page of a History, for a reader of that visibility ``shape``
    (``tasks.access.rule_shape``), compiled once per process: building and compiling the ten-way
    union took 8 of the page's 20 ms on SQLite (the query itself 0.35 ms). A source's ``rows``
    reads only the customer's id and organization id."""
    def build(organization_id, customer_id, task_type, deal_type, reader_id=None):
        customer = Customer(pk=customer_id, organization_id=organization_id)
        return _merged_keys(tasks_visible_by_shape(shape, organization_id, reader_id),
                            deals_of_organization(organization_id), organization_id, customer,
                            task_type, deal_type)[start:stop]
    reader = ("reader_id",) if _names_reader(shape) else ()  # whoever sees every task: the same SQL
    return CompiledRows(build, "organization_id", "customer_id", "task_type", "deal_type", *reader)


def _names_reader(shape: str) -> bool:
    return shape != "every"


def _page_keys(actor: User, customer: Customer, number: int, size: int) -> Page[tuple]:
    task_type, deal_type = (ContentType.objects.get_for_model(model).pk for model in (Task, Deal))
    start = (number - 1) * size
    shape = rule_shape(actor)
    if shape is None:  # a reader shared with (L7), whose rule holds their grants
        return paginate(_merged_keys(tasks_visible_to(actor), deals_visible_to(actor), actor.organization_id, customer,
                                     task_type, deal_type), number=number, size=size)
    reader = {"reader_id": actor.pk} if _names_reader(shape) else {}
    rows = _compiled_keys(shape, start, start + size + 1).rows(
        organization_id=actor.organization_id, customer_id=customer.pk, task_type=task_type, deal_type=deal_type,
        **reader)
    return page_of([tuple(row) for row in rows], number=number, size=size)


def _by_id(qs: QuerySet, ids: set[int]) -> dict[int, Model]:
    return {row.pk: row for row in qs.filter(pk__in=ids)} if ids else {}


def _load(keys: list[tuple[str, datetime, int]]) -> list[Entry]:
    ids: dict[str, set[int]] = {}
    for kind, _at, pk in keys:
        ids.setdefault(kind, set()).add(pk)
    notes = _by_id(Note.objects.select_related("author").only("id", "task_id", "body", "created_at",
                                                              *_people_fields("author")),
                   ids.get(NOTE, set()))
    messages = _by_id(Message.objects.select_related("author").prefetch_related("attachments")
                      .only("id", "content_type_id", "object_id", "body", "created_at",
                            *_people_fields("author")), ids.get(MESSAGE, set()))
    changes = _by_id(DealChange.objects.select_related("actor").only(
        "id", "deal_id", "action", "old", "new", "created_at", *_people_fields("actor")),
        ids.get(DEAL_CHANGE, set()))
    history = _by_id(HistoryEntry.objects.select_related("actor").only(
        "id", "task_id", "created_at", *_people_fields("actor")),
        ids.get(TASK_COMPLETED, set()) | ids.get(TASK_REOPENED, set()))
    stage_changes = _by_id(StageChange.objects.select_related("actor").only(
        "id", "old", "new", "created_at", *_people_fields("actor")), ids.get(STAGE_CHANGE, set()))
    task_type, deal_type = ContentType.objects.get_for_model(Task), ContentType.objects.get_for_model(Deal)
    task_ids = ids.get(TASK_CREATED, set()) | {h.task_id for h in history.values()}
    task_ids |= {n.task_id for n in notes.values()}
    task_ids |= {m.object_id for m in messages.values() if m.content_type_id == task_type.pk}
    deal_ids = {c.deal_id for c in changes.values()}
    deal_ids |= {m.object_id for m in messages.values() if m.content_type_id == deal_type.pk}
    tasks = _by_id(Task.objects.select_related("owner").only(
        "id", "title", "created_at", "is_pending", *_people_fields("owner")), task_ids)
    deals = _by_id(Deal.objects.only("id", "title", "status"), deal_ids)

    added = {kind: _by_id(source.fetch(), ids[kind]) for kind, source in SOURCES.items() if kind in ids}

    def entry(kind: str, at: datetime, pk: int) -> Entry | None:
        if kind in added:
            row = added[kind].get(pk)
            source = SOURCES[kind]
            return row and Entry(kind, at, source.actor(row), source.subject(row), row, source.template)
        if kind == TASK_CREATED:
            task = tasks.get(pk)
            return task and Entry(kind, at, task.owner, task, task)
        if kind in DONE_OR_REOPENED:
            done = history.get(pk)
            return done and Entry(kind, at, done.actor, tasks.get(done.task_id), done)
        if kind == NOTE:
            note = notes.get(pk)
            return note and Entry(kind, at, note.author, tasks.get(note.task_id), note)
        if kind == MESSAGE:
            message = messages.get(pk)
            if message is None:
                return None
            on = tasks if message.content_type_id == task_type.pk else deals
            return Entry(kind, at, message.author, on.get(message.object_id), message)
        if kind == STAGE_CHANGE:
            stage_change = stage_changes.get(pk)
            return stage_change and Entry(kind, at, stage_change.actor, None, stage_change)
        change = changes.get(pk)
        return change and Entry(kind, at, change.actor, deals.get(change.deal_id), change)

    # A row deleted between the two steps is left out rather than shown half.
    entries = [e for e in (entry(*key) for key in keys) if e is not None]
    links = _subject_links()
    for e in entries:
        if e.subject is not None and type(e.subject) in links:
            e.subject_url = f"{links[type(e.subject)]}{e.subject.pk}/"
    return entries


def _subject_links() -> dict[type[Model], str]:
    """Where a task's and a deal's pages are, less the id: one ``reverse()`` per page and kind
    rather than one per line (issue 16 §1: 12 of them were a fifth of the History's rendering)."""
    return {Task: page_url_base("tasks:detail"), Deal: page_url_base("deals:detail")}


def customer_timeline(*, actor: User, customer: Customer, page: int = 1, size: int | None = None) -> Page[Entry]:
    """C4: one page of the customer's history that ``actor`` may see, newest first: the page's
    keys from one query, then each kind's rows in one query."""
    keys = _page_keys(actor, customer, parse_page_number(page), clamp_page_size(size))
    return replace(keys, items=_load(keys.items))
