"""Writes of deals (minimal, J18): create a deal for a customer of the organization."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors, NotFound
from followup.customers.access import customer_get
from followup.deals.models import Deal

AMOUNT_MAX = Decimal("999999999999.99")


def deal_create(*, actor: User, customer_id: int | None, title: str | None, amount=0) -> Deal:
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Give the deal a title.")]
    elif len(title) > 200:
        errors["title"] = [_("Keep the title under %(n)s characters.") % {"n": 200}]
    customer = None
    if customer_id in (None, ""):
        errors["customer_id"] = [_("Choose a customer.")]
    else:
        try:
            customer = customer_get(actor=actor, customer_id=customer_id)
        except NotFound:
            errors["customer_id"] = [_("Choose a customer of your organization.")]
    try:
        value = Decimal(str(amount if amount not in (None, "") else 0)).quantize(Decimal("0.01"))
        if value < 0 or value > AMOUNT_MAX or not value.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["amount"] = [_("Enter an amount of 0 or more, like 1500.00.")]
        value = Decimal(0)
    if errors:
        raise FieldErrors(errors)
    return Deal.objects.create(organization_id=actor.organization_id, customer=customer, title=title,
                               amount=value, owner=actor)
