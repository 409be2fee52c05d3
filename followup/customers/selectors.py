"""Reads of customers for the customer list, the profile and the pickers."""

from django.db.models import Q, QuerySet

from followup.accounts.models import User
from followup.core.pagination import Page, paginate
from followup.customers.access import customer_get, customers_of
from followup.customers.models import Customer


def customer_search(qs: QuerySet[Customer], text: str) -> QuerySet[Customer]:
    text = text.strip()
    if not text:
        return qs
    return qs.filter(Q(name__icontains=text) | Q(email__icontains=text) | Q(phone__icontains=text))


def customer_list(*, actor: User, q: str = "", page: int = 1, size: int | None = None) -> Page[Customer]:
    """C1, D6: the customer list, searchable, by name. Queries: customers (owner joined)."""
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
