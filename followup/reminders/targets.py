"""What a reminder can be about (J6) and how the owner's right to see it is checked.

Each kind names its model, its app's permission-checked fetcher (which raises ``NotFound`` when
the actor may not see the object, so the visibility rule stays in that app's ``access`` module)
and the name of its detail page's URL.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.customers.access import customer_get
from followup.customers.models import Customer
from followup.deals.access import deal_get
from followup.deals.models import Deal
from followup.memos.access import memo_get
from followup.memos.models import Memo
from followup.projects.access import project_get
from followup.projects.models import Project
from followup.tasks.access import task_get
from followup.tasks.models import Task


@dataclass(frozen=True)
class Kind:
    name: str
    model_class: type[models.Model]
    fetch: Callable[..., models.Model]  # called with actor= and <name>_id=
    url_name: str

    def get(self, *, actor: User, object_id: int) -> models.Model:
        return self.fetch(actor=actor, **{f"{self.name}_id": object_id})

    def url(self, pk: int) -> str:
        return reverse(self.url_name, args=[pk])


KINDS = {
    k.name: k
    for k in [
        Kind("task", Task, task_get, "tasks:detail"),
        Kind("customer", Customer, customer_get, "customers:detail"),
        Kind("memo", Memo, memo_get, "memos:detail"),
        Kind("project", Project, project_get, "projects:detail"),
        Kind("deal", Deal, deal_get, "deals:detail"),
    ]
}


def kind_get(name: str) -> Kind:
    kind = KINDS.get(name)
    if kind is None:
        raise FieldErrors.single("target_type", _("Choose one of: %(choices)s.") % {"choices": ", ".join(KINDS)})
    return kind


def kind_of(model: type[models.Model]) -> Kind | None:
    return next((k for k in KINDS.values() if k.model_class is model), None)
