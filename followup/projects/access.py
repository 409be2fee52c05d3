"""Who may see and change a project (J1, J3, J4). Every fetcher starts from the actor's organization."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import NotAllowed
from followup.core.fetch import visible_or_not_found
from followup.projects.models import Project

Membership = Project.members.through
Subscription = Project.subscribers.through


def projects_visible_to(actor: User) -> QuerySet[Project]:
    """J1, J3, J4: owner, members, subscribers, company managers and task operators."""
    qs = Project.objects.filter(organization_id=actor.organization_id)
    if actor.sees_every_task:
        return qs
    member = Exists(Membership.objects.filter(project_id=OuterRef("pk"), user_id=actor.pk))
    subscribed = Exists(Subscription.objects.filter(project_id=OuterRef("pk"), user_id=actor.pk))
    return qs.filter(Q(owner_id=actor.pk) | Q(member) | Q(subscribed))


def project_get(*, actor: User, project_id: int, queryset: QuerySet[Project] | None = None) -> Project:
    """The project if the actor may see it; ``NotFound`` otherwise, whatever the reason."""
    qs = queryset if queryset is not None else projects_visible_to(actor)
    return visible_or_not_found(qs, project_id, _("Project not found."))


def can_edit(actor: User, project: Project) -> bool:
    """J4: the owner, members, company managers and task operators change a project."""
    if actor.edits_all_tasks or project.owner_id == actor.pk:
        return True
    return Membership.objects.filter(project_id=project.pk, user_id=actor.pk).exists()


def ensure_can_edit(actor: User, project: Project) -> None:
    if not can_edit(actor, project):
        raise NotAllowed(_("Only the project's owner, members or a task operator may change it."))
