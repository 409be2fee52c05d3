"""Writes for customers, with every field rule in one place for the UI and the API."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.core.limits import max_length, too_long
from followup.customers import events
from followup.customers.access import customer_get, customers_of
from followup.customers.models import Customer, CustomerKind, Stage
from followup.customers.stages import stage_change_record

CUSTOMER_FIELDS = (
    "kind", "name", "email", "phone", "owner_id", "stage", "company_id", "birthday", "contract_end_date", "notes",
)


def _clean(actor: User, values: dict, *, instance: Customer | None) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    name = (values.get("name") or "").strip()
    if not name:
        errors["name"] = [_("Enter a name.")]
    elif long := too_long(name, max_length(Customer, "name")):
        errors["name"] = long
    cleaned["name"] = name
    if values.get("kind", CustomerKind.PERSON) not in CustomerKind.values:
        errors["kind"] = [_("Choose person or company.")]
    if values.get("stage", Stage.LEAD) not in Stage.values:
        errors["stage"] = [_("Choose one of the stages.")]
    email = (values.get("email") or "").strip()
    if long := too_long(email, max_length(Customer, "email")):
        errors["email"] = long
    elif email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Enter a valid e-mail address.")]
    cleaned["email"] = email
    phone = (values.get("phone") or "").strip()
    if long := too_long(phone, max_length(Customer, "phone")):
        errors["phone"] = long
    cleaned["phone"] = phone
    owner_id = values.get("owner_id")
    if owner_id not in (None, "") and not User.objects.filter(
        pk=owner_id, organization_id=actor.organization_id
    ).exists():
        errors["owner"] = [_("Choose a person of your organization.")]
    company_id = values.get("company_id")
    if company_id not in (None, ""):
        company = customers_of(actor).filter(pk=company_id, kind=CustomerKind.COMPANY).first()
        if company is None or (instance and company.pk == instance.pk):
            errors["company"] = [_("Choose an existing company.")]
    for field in ("birthday", "contract_end_date"):
        value = values.get(field)
        if value is not None and not isinstance(value, dt.date):
            errors[field] = [_("Enter a valid date.")]
    if long := too_long(values.get("notes") or "", max_length(Customer, "notes")):
        errors["notes"] = long
    if errors:
        raise FieldErrors(errors)
    return cleaned


def customer_create(*, actor: User, **values) -> Customer:
    unknown = set(values) - set(CUSTOMER_FIELDS)
    if unknown:
        raise FieldErrors({f: [_("Unknown field.")] for f in sorted(unknown)})
    values.setdefault("owner_id", actor.pk)
    cleaned = _clean(actor, values, instance=None)
    with transaction.atomic():
        customer = Customer.objects.create(organization_id=actor.organization_id, **cleaned)
        events.customers_changed.announce(organization_id=customer.organization_id, customer_ids=[customer.pk])
    return customer


def customer_update(*, actor: User, customer_id: int, **values) -> Customer:
    unknown = set(values) - set(CUSTOMER_FIELDS)
    if unknown:
        raise FieldErrors({f: [_("Unknown field.")] for f in sorted(unknown)})
    with transaction.atomic():
        customer = customer_get(actor=actor, customer_id=customer_id, queryset=customers_of(actor).select_for_update())
        current = {f: getattr(customer, f) for f in CUSTOMER_FIELDS}
        cleaned = _clean(actor, {**current, **values}, instance=customer)
        for field, value in cleaned.items():
            setattr(customer, field, value)
        customer.save()
        events.customers_changed.announce(organization_id=customer.organization_id, customer_ids=[customer.pk])
        if cleaned["stage"] != current["stage"]:
            stage_change_record(actor=actor, customer=customer, old=current["stage"])
    return customer


def customer_delete(*, actor: User, customer_id: int) -> None:
    """Delete a customer of the actor's organization with its tasks (and theirs), the reminders
    about them and its history; the people of a deleted company keep their record, without a
    company. Announced first (A2), so that the apps above still find what goes with it."""
    with transaction.atomic():
        customer = customer_get(actor=actor, customer_id=customer_id, queryset=customers_of(actor).select_for_update())
        events.customers_deleting.announce(organization_id=customer.organization_id, customer_ids=[customer.pk])
        customer.delete()
