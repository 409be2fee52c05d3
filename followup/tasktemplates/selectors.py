"""Reads of task templates for their pages, the pickers of the customer, deal and project pages,
and the API."""

from django.db.models import Count, Prefetch, QuerySet

from followup.accounts.models import User
from followup.core.pagination import Page, paginate
from followup.tasktemplates.access import templates_of
from followup.tasktemplates.models import TaskTemplate, TemplateItem


def template_list(*, actor: User, page: int = 1, size: int | None = None) -> Page[TaskTemplate]:
    """Settings and the API: the templates with their lines (everyone may read them, to apply
    one; administrators change them). Queries: one page, its lines."""
    lines = Prefetch("items", queryset=TemplateItem.objects.select_related("task_type").order_by("position", "id"))
    templates: QuerySet[TaskTemplate] = templates_of(actor).prefetch_related(lines).order_by("name", "id")
    return paginate(templates, number=page, size=size)


def templates_to_apply(*, actor: User) -> list[TaskTemplate]:
    """The "Apply template" picker: every template of the organization with its number of tasks."""
    return list(templates_of(actor).annotate(item_count=Count("items")).filter(item_count__gt=0)
                .order_by("name", "id"))


def tasks_made(tasks) -> list:
    """The tasks an application made, as the API's task rows load them. Queries: two."""
    from followup.tasks.models import Task

    return list(Task.objects.filter(pk__in=[t.pk for t in tasks]).select_related("customer", "status", "type")
                .prefetch_related("assignees").order_by("due_date", "id"))
