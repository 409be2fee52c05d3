"""Reads of projects (J1): the list, one project, its tasks with progress."""

from django.db.models import Count, Q

from followup.accounts.models import User
from followup.core.pagination import Page, paginate
from followup.projects.access import project_get, projects_visible_to
from followup.projects.models import Project
from followup.tasks.access import tasks_visible_to
from followup.tasks.models import StatusCategory, Task
from followup.tasks.selectors import assignees_prefetch


def project_list(*, actor: User, page: int = 1, size: int | None = None) -> Page[Project]:
    """Queries: projects with owner and task counts (done / all) in one statement."""
    qs = projects_visible_to(actor).select_related("owner").annotate(
        task_total=Count("tasks"), task_done=Count("tasks", filter=Q(tasks__status__category=StatusCategory.DONE)),
    ).order_by("-updated_at", "-id")
    return paginate(qs, number=page, size=size)


def project_detail(*, actor: User, project_id: int) -> Project:
    qs = projects_visible_to(actor).select_related("owner", "memo").prefetch_related("members", "subscribers")
    return project_get(actor=actor, project_id=project_id, queryset=qs)


def project_tasks(*, actor: User, project: Project, page: int = 1, size: int | None = None) -> Page[Task]:
    """The project's tasks the actor may see, open ones first: tasks, assignees."""
    qs = (tasks_visible_to(actor).filter(project_id=project.pk).select_related("customer", "status", "type")
          .prefetch_related(assignees_prefetch()).order_by("-is_pending", "due_date", "id"))
    return paginate(qs, number=page, size=size)


def project_progress(*, project: Project) -> tuple[int, int]:
    """J1: (done, all) tasks of the project, cancelled ones left out of both."""
    row = Task.objects.filter(project_id=project.pk).exclude(status__category=StatusCategory.CANCELED).aggregate(
        total=Count("id"), done=Count("id", filter=Q(status__category=StatusCategory.DONE)))
    return row["done"], row["total"]
