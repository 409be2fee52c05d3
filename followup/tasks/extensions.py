"""Sections that the apps above tasks add to the New Task and edit forms (B3's Repeat control).
Tasks may not import those apps, so each registers its section here in ``AppConfig.ready()``
and the task views ask here, as for ``origins``; what they add to the task page itself goes
through ``panels``.

A form section reads its own fields from the posted form (``clean``, which raises
``FieldErrors`` under its field names), and, in the transaction that saved the task, acts on
it (``save``); ``render`` returns its HTML (a rendered template: escaped, safe to include).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest
from django.utils.safestring import SafeString

from followup.core.exceptions import FieldErrors
from followup.tasks.models import Task


@dataclass(frozen=True)
class FormSection:
    render: Callable[..., SafeString]  # (request, *, task: Task | None, data, errors) -> HTML
    clean: Callable[..., object]  # (request, *, task: Task | None, data) -> what ``save`` takes
    save: Callable[..., None]  # (request, *, task: Task, cleaned) -> None


_form_sections: list[FormSection] = []


def add_form_section(section: FormSection) -> None:
    if section not in _form_sections:
        _form_sections.append(section)


def render_form_sections(request: HttpRequest, *, task: Task | None, data, errors: dict) -> list[SafeString]:
    return [s.render(request, task=task, data=data, errors=errors) for s in _form_sections]


def clean_form_sections(request: HttpRequest, *, task: Task | None, data) -> tuple[list, dict[str, list[str]]]:
    """Every section's cleaned values, and all their field errors at once (C3)."""
    cleaned, errors = [], {}
    for section in _form_sections:
        try:
            cleaned.append(section.clean(request, task=task, data=data))
        except FieldErrors as exc:
            cleaned.append(None)
            errors.update(exc.errors)
    return cleaned, errors


def save_with_sections(request: HttpRequest, cleaned: list, write: Callable[[], Task]) -> Task:
    """``write()`` (the task service) and every section's ``save`` in one transaction."""
    with transaction.atomic():
        task = write()
        for section, values in zip(_form_sections, cleaned, strict=True):
            section.save(request, task=task, cleaned=values)
    return task
