"""D9: what a form submission does, in one transaction.

1. The form's row is locked (``select_for_update``), so two submissions of one form take turns:
   two with the same e-mail at the same moment find or make ONE customer.
2. The customer is found by e-mail (or, without one, by phone) in the form's organization, or
   made, owned by the form's author.
3. An existing customer gets only the fields that are blank on it: a stranger who knows
   someone's e-mail cannot overwrite their name or phone. What was sent is kept on the
   ``Submission`` (the customer's History shows it, C4), so nothing is lost either.
4. A NEW customer moves to the form's stage through the customer services, which records the
   change and announces it, so the auto-flow rules (D8) act on it as on any stage change.
5. When the form says so, one task through ``task_create`` (source FORM, origin the form),
   assigned by the form's assignment rule (B2, ``automation.assignment.assign``).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.automation.assignment import assign
from followup.automation.due import due_after
from followup.core.exceptions import FieldErrors
from followup.customers.models import Customer, CustomerKind
from followup.customers.services import customer_create, customer_update
from followup.customers.stages import stage_change_record
from followup.intake.models import CustomerField, Form, Submission
from followup.tasks.models import Source
from followup.tasks.services import task_create

CONSENT = "consent"
LIMITS = {CustomerField.NAME: 200, CustomerField.EMAIL: 254, CustomerField.PHONE: 40, CustomerField.COMPANY: 200,
          CustomerField.NOTES: 5_000}


@dataclass
class Outcome:
    submission: Submission
    customer: Customer
    new_customer: bool


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else "" if value is None else str(value).strip()


def clean_submission(form: Form, values: dict) -> tuple[dict, bool]:
    """The form's fields out of what was sent, each problem named at once (C3), in the
    visitor's language. Returns ({customer field: value}, consent)."""
    errors: dict[str, list[str]] = {}
    clean: dict = {}
    for spec in form.fields:
        name = spec["field"]
        text = _text(values.get(name))
        if not text:
            if spec.get("required"):
                errors[name] = [_("This field is required.")]
            continue
        limit = LIMITS.get(name)
        if limit and len(text) > limit:
            errors[name] = [_("Keep this under %(n)s characters.") % {"n": limit}]
        elif name == CustomerField.EMAIL:
            try:
                validate_email(text)
            except ValidationError:
                errors[name] = [_("Enter a valid e-mail address.")]
        elif name == CustomerField.BIRTHDAY:
            try:
                text = dt.date.fromisoformat(text)
            except ValueError:
                errors[name] = [_("Enter a date such as 1990-05-31.")]
        clean[name] = text
    if not errors and not clean.get(CustomerField.EMAIL) and not clean.get(CustomerField.PHONE):
        field = CustomerField.EMAIL if any(s["field"] == CustomerField.EMAIL for s in form.fields) \
            else CustomerField.PHONE
        errors[field] = [_("Give an e-mail address or a phone number so that we can reply.")]
    consent = values.get(CONSENT) in (True, "on", "true", "1", "yes")
    if form.consent_text and not consent:
        errors[CONSENT] = [_("Tick the box to agree.")]
    if errors:
        raise FieldErrors(errors)
    return clean, consent


def _find(form: Form, clean: dict) -> Customer | None:
    customers = Customer.objects.filter(organization_id=form.organization_id).order_by("pk")
    if email := clean.get(CustomerField.EMAIL):
        return customers.filter(email__iexact=email).first()
    return customers.filter(phone=clean[CustomerField.PHONE]).first()


def _company_id(form: Form, name: str | None) -> int | None:
    """The organization's company of that name, made when there is none."""
    if not name:
        return None
    company = Customer.objects.filter(organization_id=form.organization_id, kind=CustomerKind.COMPANY,
                                      name__iexact=name).order_by("pk").first()
    if company is None:
        company = customer_create(actor=form.author, kind=CustomerKind.COMPANY, name=name)
    return company.pk


def _customer_values(form: Form, clean: dict, existing: Customer | None) -> dict:
    values = {f: clean[f] for f in ("name", "email", "phone", "birthday", "notes") if f in clean}
    if existing is not None:
        values = {f: v for f, v in values.items() if getattr(existing, f) in ("", None)}
        if existing.company_id is None and existing.kind == CustomerKind.PERSON:
            values["company_id"] = _company_id(form, clean.get(CustomerField.COMPANY))
    else:
        values.setdefault("name", clean.get(CustomerField.EMAIL) or clean.get(CustomerField.PHONE))
        values["company_id"] = _company_id(form, clean.get(CustomerField.COMPANY))
    return {f: v for f, v in values.items() if v is not None}


def _task(form: Form, customer: Customer):
    [(_customer, assignee)] = assign(form, organization_id=form.organization_id,
                                     customers=[(customer.pk, customer.owner_id)])
    due_date, _due_at = due_after(now=timezone.now(), time_zone=form.author.time_zone, days=form.due_in_days)
    title = (form.task_title or "{customer}").replace("{customer}", customer.name)[:200]
    return task_create(actor=form.author, title=title, customer_id=customer.pk,
                       assignee_ids=[assignee] if assignee else [], due_date=due_date, priority=form.priority,
                       type_id=form.task_type_id, source=Source.FORM, origin_id=form.pk)


def form_submit(*, form_id: int, values: dict, client: str = "") -> Outcome:
    """D9: one submission (see the module's docstring). ``FieldErrors`` per field when the
    input is wrong; nothing is written then."""
    with transaction.atomic():
        form = Form.objects.select_for_update(of=("self",)).select_related("author").get(pk=form_id)
        clean, consent = clean_submission(form, values)
        customer = _find(form, clean)
        new = customer is None
        if new:
            customer = customer_create(actor=form.author, **_customer_values(form, clean, None))
            if form.stage and form.stage != customer.stage:
                customer = customer_update(actor=form.author, customer_id=customer.pk, stage=form.stage)
            elif form.stage:
                stage_change_record(actor=None, customer=customer, old="")  # entered its first stage
        elif blanks := _customer_values(form, clean, customer):
            customer = customer_update(actor=form.author, customer_id=customer.pk, **blanks)
        task = _task(form, customer) if form.make_task else None
        sent = {f: (v.isoformat() if isinstance(v, dt.date) else v) for f, v in clean.items()}
        submission = Submission.objects.create(form=form, organization_id=form.organization_id, customer=customer,
                                               new_customer=new, data=sent, consent=consent, task=task,
                                               client=client[:64])
    return Outcome(submission=submission, customer=customer, new_customer=new)
