from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "followup.tasks"
    label = "tasks"
    verbose_name = _("Tasks")

    def ready(self):
        from followup.accounts.events import organization_created
        from followup.core.textsearch import searched
        from followup.tasks.defaults import task_defaults_create

        organization_created.connect(task_defaults_create)
        searched("tasks_task", ["title"])
