"""What a reminder can be about (J6) and how the owner's right to see it is checked.

Each kind names its model, the fetcher that raises ``NotFound`` when the actor may not see the
object (the app's own ``access`` module, so the visibility rule stays in one place) and the
detail page's URL. Memos, projects and deals use their app's fetcher when it exists, else an
organization-scoped lookup.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import NotFound


@dataclass(frozen=True)
class Kind:
    name: str
    model: str  # "app_label.Model"
    access: str  # "module:function", called with actor= and <name>_id=
    url_name: str
    url_prefix: str

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def fetcher(self) -> Callable[..., models.Model] | None:
        module, func = self.access.split(":")
        try:
            return getattr(importlib.import_module(module), func)
        except (ImportError, AttributeError):
            return None

    def get(self, *, actor: User, object_id: int) -> models.Model:
        fetch = self.fetcher()
        if fetch is not None:
            return fetch(actor=actor, **{f"{self.name}_id": object_id})
        obj = self.model_class.objects.filter(organization_id=actor.organization_id, pk=object_id).first()
        if obj is None:
            raise NotFound()
        return obj

    def url(self, pk: int) -> str:
        try:
            return reverse(self.url_name, args=[pk])
        except NoReverseMatch:
            return f"{self.url_prefix}{pk}/"


KINDS = {
    k.name: k
    for k in [
        Kind("task", "tasks.Task", "followup.tasks.access:task_get", "tasks:detail", "/tasks/"),
        Kind("customer", "customers.Customer", "followup.customers.access:customer_get", "customers:detail",
             "/customers/"),
        Kind("memo", "memos.Memo", "followup.memos.access:memo_get", "memos:detail", "/memos/"),
        Kind("project", "projects.Project", "followup.projects.access:project_get", "projects:detail",
             "/projects/"),
        Kind("deal", "deals.Deal", "followup.deals.access:deal_get", "deals:detail", "/deals/"),
    ]
}


def kind_get(name: str) -> Kind:
    kind = KINDS.get(name)
    if kind is None:
        raise_bad_kind()
    return kind


def raise_bad_kind():
    from followup.core.exceptions import FieldErrors

    raise FieldErrors.single("target_type", _("Choose one of: %(choices)s.") % {"choices": ", ".join(KINDS)})


def kind_of(model: type[models.Model]) -> Kind | None:
    label = model._meta.label
    return next((k for k in KINDS.values() if k.model == label), None)
