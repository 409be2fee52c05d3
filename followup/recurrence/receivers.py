"""What recurrence connects at start (``RecurrenceConfig.ready``): the next occurrence on a close,
the words for what made a recurring task, the Repeat control and the task page's "Repeats" card."""

from django.utils.translation import gettext as _

from followup.core.prefetch import has_rows
from followup.recurrence import form, services, views
from followup.recurrence.models import Occurrence, Series
from followup.recurrence.words import describe
from followup.tasks import extensions, hooks, origins, panels
from followup.tasks.models import Source, Task


def describe_series(series_id: int) -> str | None:
    series = Series.objects.filter(pk=series_id).only("rrule", "start_date").first()
    if series is None:
        return None
    return _("Repeats: %(rule)s") % {"rule": describe(series.rrule, series.start_date)}


def connect() -> None:
    hooks.task_closed.connect(services.on_task_closed)
    origins.register(Source.RECURRENCE, describe_series)
    extensions.add_form_section(form.SECTION)
    panels.register("task_aside", views.page_section)
    panels.annotate("in_series", lambda: has_rows(Occurrence, "task", Task))
