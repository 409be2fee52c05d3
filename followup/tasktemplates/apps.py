from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskTemplatesConfig(AppConfig):
    """Task templates (L3) and post-sale tasks (L4): named sets of tasks applied in one step to a
    customer, a deal or a project. A roof app beside automation: it writes through the task
    services, reuses automation's assignment rules (B2) and its queue for the post-sale sets."""

    name = "followup.tasktemplates"
    label = "tasktemplates"
    verbose_name = _("Task templates")

    def ready(self):
        from followup.tasktemplates import receivers

        receivers.connect()
