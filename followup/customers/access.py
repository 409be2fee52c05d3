"""Customers are shared by everyone in their organization; another organization's id is a 404."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import NotFound
from followup.customers.models import Customer


def customers_of(actor: User) -> QuerySet[Customer]:
    return Customer.objects.filter(organization_id=actor.organization_id)


def customer_get(*, actor: User, customer_id: int, queryset: QuerySet[Customer] | None = None) -> Customer:
    qs = queryset if queryset is not None else customers_of(actor)
    try:
        return qs.get(pk=int(customer_id))
    except (Customer.DoesNotExist, TypeError, ValueError):
        raise NotFound(_("Customer not found.")) from None
