"""Deals are shared by everyone in their organization; another organization's id is a 404."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.fetch import visible_or_not_found
from followup.deals.models import Deal


def deals_visible_to(actor: User) -> QuerySet[Deal]:
    return deals_of_organization(actor.organization_id)


def deals_of_organization(organization_id: int) -> QuerySet[Deal]:
    """What every reader of the organization sees of its deals (all of them), from its id alone:
    what a query compiled once is built from (the customer's History)."""
    return Deal.objects.filter(organization_id=organization_id)


def deal_get(*, actor: User, deal_id: int, queryset: QuerySet[Deal] | None = None) -> Deal:
    """The deal if the actor may see it; ``NotFound`` otherwise, whatever the reason."""
    qs = queryset if queryset is not None else deals_visible_to(actor)
    return visible_or_not_found(qs, deal_id, _("Deal not found."))
