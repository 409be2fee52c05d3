"""What task templates do when the apps below announce something, and how a task made from a
template names its origin ("Created from the template “Onboarding”")."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.accounts.events import organization_created
from followup.automation import queue
from followup.deals import events as deal_events
from followup.setup.nav import settings_page
from followup.tasks import origins
from followup.tasks.models import Source
from followup.tasktemplates import defaults, postsale
from followup.tasktemplates.models import TaskTemplate


def describe_template(template_id: int) -> str | None:
    name = TaskTemplate.objects.filter(pk=template_id).values_list("name", flat=True).first()
    return _("Created from the template “%(name)s”") % {"name": name} if name is not None else None


def connect() -> None:
    organization_created.connect(defaults.post_sale_defaults_create)
    deal_events.deal_closed.connect(postsale.on_deal_closed)
    queue.handles(postsale.DEAL_CLOSED)(postsale.deal_closed_handle)
    origins.register(Source.TEMPLATE, describe_template)
    settings_page("automation", "tasktemplates:list", gettext_lazy("Task templates"))
