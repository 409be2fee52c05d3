"""A3, A5 on the task page (``followup.tasks.panels``): the "log the outcome" form next to the
Call and E-mail buttons, and the customer's whole history under the description, loaded after
the page (htmx) so the first screen on a phone is not held up by it. Neither costs the task page
a query."""

from django.template.loader import render_to_string

from followup.communications.models import Outcome
from followup.tasks.access import can_edit, may_set_status


def log_form(request, task) -> str:
    if task.customer_id is None:
        return ""
    return render_to_string("communications/_log_form.html", {
        "task": task, "outcomes": Outcome.choices, "here": request.get_full_path(),
        "suggest_email": not task.customer.phone and bool(task.customer.email),
        # Whoever sees the task logs a call; only who may complete it is offered to (L7, J12).
        "may_complete": task.is_pending and may_set_status(request.user, task) and can_edit(request.user, task),
    }, request=request)


def customer_history(request, task) -> str:
    if task.customer_id is None:
        return ""
    return render_to_string("communications/_history.html", {"task": task}, request=request)
