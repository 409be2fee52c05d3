"""Reads of customers for the customer list, the profile and the pickers."""

from django.db import connection
from django.db.models import Q, QuerySet

from followup.accounts.models import User
from followup.core.pagination import Page, paginate
from followup.customers.access import customer_get, customers_of
from followup.customers.models import Customer

SEARCH_PROBE = 2000


def customer_search(qs: QuerySet[Customer], text: str) -> QuerySet[Customer]:
    """Customers of ``qs`` whose name, e-mail or phone contains the text.

    On PostgreSQL each column has a trigram index on UPPER(column) (migration 0002). Asked
    for the first page sorted by name, the planner walks the name index and filters, reading
    most of the table for a rare word; so the matches' ids are fetched first, unordered (a
    bitmap scan of the trigram indexes), and the caller sorts those few rows. When a word
    matches more than ``SEARCH_PROBE`` customers, the walk is the quick plan and stays."""
    text = text.strip()
    if not text:
        return qs
    matches = qs.filter(Q(name__icontains=text) | Q(email__icontains=text) | Q(phone__icontains=text))
    if connection.vendor != "postgresql":
        return matches
    ids = list(matches.order_by().values_list("id", flat=True)[:SEARCH_PROBE + 1])
    return matches if len(ids) > SEARCH_PROBE else qs.filter(pk__in=ids)


def customer_list(*, actor: User, q: str = "", page: int = 1, size: int | None = None) -> Page[Customer]:
    """C1, D6: the customer list, searchable, by name. Queries: customers (owner joined), and on
    PostgreSQL with a search, the matches' ids first."""
    qs = customer_search(customers_of(actor), q).select_related("owner").order_by("name", "id")
    return paginate(qs, number=page, size=size)


def customer_detail(*, actor: User, customer_id: int) -> Customer:
    qs = customers_of(actor).select_related("owner", "company")
    return customer_get(actor=actor, customer_id=customer_id, queryset=qs)


def customer_choices(*, actor: User, q: str = "", limit: int = 20) -> list[Customer]:
    """The customer picker of the task form: a few matches by name, e-mail or phone."""
    return list(customer_search(customers_of(actor), q).only("id", "name", "email").order_by("name", "id")[:limit])


def company_choices(*, actor: User, q: str = "", limit: int = 20) -> list[Customer]:
    """The company picker of the customer form: companies only."""
    from followup.customers.models import CustomerKind

    qs = customer_search(customers_of(actor).filter(kind=CustomerKind.COMPANY), q)
    return list(qs.only("id", "name", "email").order_by("name", "id")[:limit])
