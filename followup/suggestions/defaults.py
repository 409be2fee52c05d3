"""L1, L2: a new organization's default E-mail type proposes a Phone call the next day
(seed 004: "after sending an offer by e-mail, call"). Connected to
``accounts.events.organization_created`` after the task defaults (``INSTALLED_APPS`` order)."""

from django.utils.translation import gettext as _

from followup.accounts.models import Organization
from followup.suggestions.models import NextTask
from followup.tasks.models import TaskType

AFTER_ICON, NEXT_ICON = "mail", "phone"  # the default types, found by icon: their names are translated


def next_task_defaults_create(*, organization: Organization) -> None:
    types = {t.icon: t for t in TaskType.objects.filter(organization=organization, icon__in=(AFTER_ICON, NEXT_ICON))}
    if AFTER_ICON in types and NEXT_ICON in types:
        NextTask.objects.get_or_create(after_type=types[AFTER_ICON], defaults={
            "organization": organization, "next_type": types[NEXT_ICON], "title": _("Call {customer}"),
            "delay_days": 1})
