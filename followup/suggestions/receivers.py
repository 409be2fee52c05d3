"""L2: what the suggestions app connects when it starts: the completion hook, the origin text of
the tasks it makes, its Settings page and its panels on the task pages."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.accounts.events import organization_created
from followup.setup.nav import settings_page
from followup.suggestions import panels
from followup.suggestions.defaults import next_task_defaults_create
from followup.suggestions.models import Suggestion
from followup.suggestions.services import suggestion_propose
from followup.tasks import hooks, origins
from followup.tasks import panels as task_panels
from followup.tasks.models import Source


def describe_suggestion(suggestion_id: int) -> str | None:
    title = (Suggestion.objects.filter(pk=suggestion_id).values_list("source_task__title", flat=True).first())
    return _("Proposed after completing “%(title)s”") % {"title": title} if title is not None else None


def connect() -> None:
    organization_created.connect(next_task_defaults_create)
    hooks.task_closed.connect(suggestion_propose)
    origins.register(Source.SUGGESTION, describe_suggestion)
    settings_page("tasks", "suggestions:settings", gettext_lazy("Next tasks"))
    task_panels.register("task_page", panels.task_page)
    task_panels.register("after_row", panels.after_row)
    task_panels.register("task_list", panels.task_list)
