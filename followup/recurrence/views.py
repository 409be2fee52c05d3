"""B3: the task page's "Repeats" card and its "Stop repeating" button."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.recurrence import services
from followup.recurrence.selectors import task_repetition
from followup.tasks.access import can_edit
from followup.tasks.views.common import task_module


def page_section(request, task) -> str:
    """The rule in words on the page of a task that is an occurrence of a series (a
    ``tasks.extensions`` page section); nothing for a task that never repeated, which the page's
    task says (``in_series``, annotated through ``tasks.panels``) without a query."""
    if not getattr(task, "in_series", True):
        return ""
    repetition = task_repetition(task.pk)
    if repetition is None:
        return ""
    return render_to_string("recurrence/_card.html", {
        "task": task, "repetition": repetition, "may_stop": repetition.is_live and can_edit(request.user, task),
    }, request=request)


@task_module
@require_POST
def stop(request, pk: int):
    """B3: no occurrence after this one is made; the tasks already made stay."""
    services.series_stop(actor=request.user, task_id=pk)
    messages.success(request, _("The task no longer repeats."))
    return redirect(reverse("tasks:detail", args=[pk]))
