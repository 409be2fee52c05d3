"""Writes of forms (D9) for the administrators' pages and the API: administrators only (L8),
every field checked and each problem named at once (C3). The assignment rule's checks are the
auto-flow rules' own (B2, ``automation.checks``)."""

import re
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.automation.checks import clean_assignment, ensure_admin, of_organization, setting_get, whole_number
from followup.core.exceptions import FieldErrors
from followup.customers.models import Stage
from followup.intake.models import CustomerField, Form
from followup.tasks.models import Priority, TaskType

FORM_FIELDS = (
    "name", "slug", "is_active", "intro", "fields", "thank_you", "consent_text", "stage", "make_task", "task_title",
    "task_type_id", "priority", "due_in_days", "allowed_origins", "assign_to", "assign_user_id",
    "assign_department_id", "assign_team_id",
)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def form_get(*, actor: User, form_id) -> Form:
    return setting_get(Form, actor=actor, pk=form_id, not_found=_("Form not found."))


def _clean_fields(raw, errors: dict) -> list[dict]:
    """The ordered list of fields: known customer fields, each once, with a label."""
    if not isinstance(raw, list) or not raw:
        errors["fields"] = [_("Add at least one field.")]
        return []
    fields, seen = [], set()
    for item in raw:
        field = item.get("field") if isinstance(item, dict) else None
        if field not in CustomerField.values:
            errors["fields"] = [_("Choose fields from the list.")]
            return []
        if field in seen:
            errors["fields"] = [_("Each field can appear once.")]
            return []
        seen.add(field)
        label = str(item.get("label") or "").strip()[:120] or str(CustomerField(field).label)
        fields.append({"field": field, "label": label, "required": bool(item.get("required"))})
    if not seen & {CustomerField.EMAIL, CustomerField.PHONE}:
        errors["fields"] = [_("Include the e-mail or the phone field: a submission finds its customer by them.")]
    return fields


def _clean_origins(text: str, errors: dict) -> str:
    origins = []
    for line in (text or "").splitlines():
        line = line.strip().rstrip("/")
        if not line:
            continue
        parts = urlsplit(line)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query or "*" in line:
            errors["allowed_origins"] = [_("“%(origin)s” is not an origin such as https://www.example.com.")
                                         % {"origin": line[:100]}]
            break
        origins.append(f"{parts.scheme}://{parts.netloc.lower()}")
    return "\n".join(origins)


def _clean(actor: User, values: dict, *, instance: Form | None) -> dict:
    errors: dict[str, list[str]] = {}
    clean = {"name": (values.get("name") or "").strip(), "is_active": bool(values.get("is_active", True)),
             "make_task": bool(values.get("make_task")), "task_title": (values.get("task_title") or "").strip()}
    for text in ("intro", "thank_you", "consent_text"):
        clean[text] = (values.get(text) or "").strip()[:5_000]
    if not clean["name"]:
        errors["name"] = [_("Name the form.")]
    elif len(clean["name"]) > 120:
        errors["name"] = [_("Keep the name under %(n)s characters.") % {"n": 120}]
    clean["slug"] = (values.get("slug") or "").strip().lower() or slugify(clean["name"])[:60]
    if not SLUG.match(clean["slug"]) or len(clean["slug"]) > 60:
        errors["slug"] = [_("Use lower-case letters, digits and dashes, such as contact-us.")]
    elif Form.objects.filter(slug=clean["slug"]).exclude(pk=instance.pk if instance else None).exists():
        errors["slug"] = [_("Another form has this address: choose another.")]
    clean["fields"] = _clean_fields(values.get("fields"), errors)
    clean["stage"] = values.get("stage") or ""
    if clean["stage"] not in ("", *Stage.values):
        errors["stage"] = [_("Choose one of the stages.")]
    if clean["make_task"] and len(clean["task_title"]) > 200:
        errors["task_title"] = [_("Keep the title under %(n)s characters.") % {"n": 200}]
    try:
        clean["priority"] = int(values.get("priority") or Priority.MEDIUM)
    except (TypeError, ValueError):
        clean["priority"] = None
    if clean["priority"] not in Priority.values:
        errors["priority"] = [_("Choose Low, Medium, High or Urgent.")]
    clean["due_in_days"] = whole_number(values, "due_in_days", 0, 365, errors)
    clean["task_type_id"] = of_organization(TaskType, actor, values.get("task_type_id"), "task_type_id",
                                    _("Choose one of the organization's task types."), errors)
    clean["allowed_origins"] = _clean_origins(values.get("allowed_origins"), errors)
    clean.update(clean_assignment(actor, values, errors))
    if errors:
        raise FieldErrors(errors)
    return clean


def _refuse_unknown(values: dict) -> None:
    unknown = set(values) - set(FORM_FIELDS)
    if unknown:
        raise FieldErrors({name: [_("Unknown field.")] for name in sorted(unknown)})


def form_create(*, actor: User, **values) -> Form:
    """D9: a new form, public at once at ``/f/<slug>`` (unless switched off)."""
    ensure_admin(actor)
    _refuse_unknown(values)
    return Form.objects.create(organization_id=actor.organization_id, author=actor,
                               **_clean(actor, values, instance=None))


def form_update(*, actor: User, form_id, **values) -> Form:
    """Change any of ``FORM_FIELDS``; fields left out stay as they are."""
    _refuse_unknown(values)
    with transaction.atomic():
        form = form_get(actor=actor, form_id=form_id)
        current = {f: getattr(form, f) for f in FORM_FIELDS}
        for field, value in _clean(actor, {**current, **values}, instance=form).items():
            setattr(form, field, value)
        form.save()
    return form


def form_delete(*, actor: User, form_id) -> None:
    """The customers and tasks it made stay; its submissions go with it."""
    form_get(actor=actor, form_id=form_id).delete()
