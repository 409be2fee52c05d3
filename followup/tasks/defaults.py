"""L1, L5, L6: the task statuses and types a new organization starts with.

Connected to ``accounts.events.organization_created`` in ``TasksConfig.ready()``.
"""

from django.utils.translation import gettext_lazy as _

from followup.accounts.models import Organization
from followup.tasks.models import StatusCategory, TaskStatus, TaskType

DEFAULT_STATUSES = [
    # (name, category, default, colour): C2's Not Started / In Progress / Completed, plus J11's canceled.
    (_("Not Started"), StatusCategory.OPEN, True, "slate"),
    (_("In Progress"), StatusCategory.IN_PROGRESS, False, "blue"),
    (_("Completed"), StatusCategory.DONE, False, "green"),
    (_("Canceled"), StatusCategory.CANCELED, False, "gray"),
]
DEFAULT_TYPES = [
    (_("E-mail"), "mail"), (_("Phone call"), "phone"), (_("Offer"), "offer"),
    (_("Project"), "project"), (_("Meeting"), "meeting"), (_("Online meeting"), "video"),
]


def task_defaults_create(*, organization: Organization) -> None:
    """The default statuses (exactly one of them the default for new tasks) and types."""
    TaskStatus.objects.bulk_create([
        TaskStatus(organization=organization, name=str(name), category=category, is_default=default,
                   color=colour, position=i)
        for i, (name, category, default, colour) in enumerate(DEFAULT_STATUSES)
    ])
    TaskType.objects.bulk_create([
        TaskType(organization=organization, name=str(name), icon=icon, position=i)
        for i, (name, icon) in enumerate(DEFAULT_TYPES)
    ])
