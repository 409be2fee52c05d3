"""Reads of customers for the customer list, the profile and the pickers."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from followup.accounts.models import PersonNames, User
from followup.core.combobox import LIMIT, Choice
from followup.core.pagination import Page, paginate
from followup.core.textsearch import contains
from followup.customers.access import customer_get, customers_of
from followup.customers.apps import SEARCHED_COLUMNS
from followup.customers.models import Customer, CustomerKind, Stage

SEARCH_PROBE = 2000


def customer_search(qs: QuerySet[Customer], text: str) -> QuerySet[Customer]:
    """Customers of ``qs`` whose name, e-mail or phone contains the text.

    On SQLite the three are one FTS5 trigram index (``followup.core.textsearch``). On
    PostgreSQL each column has a trigram index on UPPER(column) (migration 0002). Asked
    for the first page sorted by name, the planner walks the name index and filters, reading
    most of the table for a rare word; so the matches' ids are fetched first, unordered (a
    bitmap scan of the trigram indexes), and the caller sorts those few rows. When a word
    matches more than ``SEARCH_PROBE`` customers, the walk is the quick plan and stays."""
    text = text.strip()
    if not text:
        return qs
    matches = qs.filter(contains(text, table="customers_customer", columns=SEARCHED_COLUMNS))
    if connection.vendor != "postgresql":
        return matches
    ids = list(matches.order_by().values_list("id", flat=True)[:SEARCH_PROBE + 1])
    return matches if len(ids) > SEARCH_PROBE else qs.filter(pk__in=ids)


KIND_LABELS, STAGE_LABELS = dict(CustomerKind.choices), dict(Stage.choices)
ROW_COLUMNS = ("id", "name", "kind", "email", "phone", "stage", "owner_id", "owner__username", "owner__first_name",
               "owner__last_name")


@dataclass(frozen=True, slots=True)
class Owner(PersonNames):
    username: str
    first_name: str
    last_name: str


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """One line of the customer list: the columns it shows, read as plain values (no model
    instances for the customer and its owner)."""

    pk: int
    name: str
    kind: str
    email: str
    phone: str
    stage: str
    owner: Owner | None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]


def _listed(actor: User, q: str) -> QuerySet[Customer]:
    """The customers the list shows, searched, in its order (the API's and the page's alike)."""
    return customer_search(customers_of(actor), q).order_by("name", "id")


def customer_list(*, actor: User, q: str = "", page: int = 1, size: int | None = None) -> Page[Customer]:
    """C1, D6: the customers, searchable, by name, as model instances (the API). Queries: customers
    (owner joined), and on PostgreSQL with a search, the matches' ids first."""
    return paginate(_listed(actor, q).select_related("owner"), number=page, size=size)


def customer_list_rows(*, actor: User, q: str = "", page: int = 1, size: int | None = None) -> Page[CustomerRow]:
    """C1, D6: the customer list page's rows, the same customers in the same order as
    ``customer_list``, read as plain values (issue 16 §1: no model instances for 25 rows and
    their owners). Queries: as ``customer_list``."""
    found = paginate(_listed(actor, q).values_list(*ROW_COLUMNS), number=page, size=size)
    found.items = [
        CustomerRow(pk, name, kind, email, phone, stage, Owner(*names) if owner_id else None)
        for pk, name, kind, email, phone, stage, owner_id, *names in found.items
    ]
    return found


def customer_detail(*, actor: User, customer_id: int) -> Customer:
    qs = customers_of(actor).select_related("owner", "company")
    return customer_get(actor=actor, customer_id=customer_id, queryset=qs)


def customer_choices(*, actor: User, q: str = "", kind: str | None = None, limit: int = LIMIT) -> list[Choice]:
    """Issue 13 §1.1: the customer picker's answer (the task, deal and customer forms): at most
    ``limit`` customers of the actor's organization whose name, e-mail or phone contains ``q``,
    by name, with their e-mail and phone to tell namesakes apart; ``kind`` narrows to companies
    for the customer form's company field. No cap on which customer can be found: every one is
    one search away. Queries: the customers (on PostgreSQL with a search, their ids first)."""
    qs = customers_of(actor)
    if kind:
        qs = qs.filter(kind=kind)
    rows = customer_search(qs, q).order_by("name", "id").values_list("id", "name", "email", "phone")[:limit]
    return [Choice(pk, name, detail=" · ".join(x for x in (email, phone) if x)) for pk, name, email, phone in rows]


def customer_name(*, actor: User, customer_id) -> str:
    """The name a customer picker shows for its chosen id; "" for none or one the actor cannot see."""
    if customer_id in (None, ""):
        return ""
    try:
        value = int(customer_id)
    except (TypeError, ValueError):
        return ""
    if not 0 < value < 2**63:
        return ""
    return customers_of(actor).filter(pk=value).values_list("name", flat=True).first() or ""
