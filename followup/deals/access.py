"""Deals are shared by everyone in their organization; another organization's id is a 404."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.fetch import visible_or_not_found
from followup.deals.models import Deal


def deals_visible_to(actor: User) -> QuerySet[Deal]:
    return Deal.objects.filter(organization_id=actor.organization_id)


def deal_get(*, actor: User, deal_id: int, queryset: QuerySet[Deal] | None = None) -> Deal:
    """The deal if the actor may see it; ``NotFound`` otherwise, whatever the reason."""
    qs = queryset if queryset is not None else deals_visible_to(actor)
    return visible_or_not_found(qs, deal_id, _("Deal not found."))
