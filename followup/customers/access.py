"""Customers are shared by everyone in their organization; another organization's id is a 404."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.fetch import visible_or_not_found
from followup.customers.models import Customer


def customers_of(actor: User) -> QuerySet[Customer]:
    return Customer.objects.filter(organization_id=actor.organization_id)


def customer_get(*, actor: User, customer_id: int, queryset: QuerySet[Customer] | None = None) -> Customer:
    """The customer if the actor may see it; ``NotFound`` otherwise, whatever the reason."""
    qs = queryset if queryset is not None else customers_of(actor)
    return visible_or_not_found(qs, customer_id, _("Customer not found."))
