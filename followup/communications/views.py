"""A5: the "log the outcome" form of the task page. Thin: ``services.communication_log`` writes."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.communications.services import communication_log
from followup.core.parsing import parse_int
from followup.core.web import safe_next
from followup.tasks.views.common import task_module


@task_module
@require_POST
def log(request, pk: int):
    try:
        version = parse_int(request.POST.get("version"))
    except ValueError:
        version = None
    complete = request.POST.get("complete") == "1"
    entry = communication_log(actor=request.user, task_id=pk, outcome=request.POST.get("outcome", ""),
                              note=request.POST.get("note", ""), complete=complete, version=version)
    text = _("Outcome logged: %(o)s.") % {"o": entry.get_outcome_display()}
    messages.success(request, text + (" " + _("Task completed.") if complete else ""))
    return redirect(safe_next(request, reverse("tasks:detail", args=[pk])))
