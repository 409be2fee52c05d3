from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    """A3, A5: calls and e-mails logged from a task. Above tasks and customers: it adds its form
    and the customer's history to the task page through ``tasks.panels``, and its entries to the
    customer's History through ``customers.timeline.register_source``."""

    name = "followup.communications"
    label = "communications"
    verbose_name = _("Communications")

    def ready(self):
        from followup.communications import history, panels
        from followup.tasks import panels as task_panels

        history.connect()  # C4: the customer's History shows what was logged

        task_panels.register("task_essentials", panels.log_form)
        task_panels.register("task_communication", panels.customer_history)
