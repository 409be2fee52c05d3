from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "followup.chat"
    label = "chat"
    verbose_name = _("Chat")

    def ready(self):
        from followup.chat import signals  # noqa: F401 - connects the attachment file removal
