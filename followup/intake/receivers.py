"""What forms tell the apps below: how to name the origin of the tasks they make, and the
submissions on the customer's History (C4)."""

from django.utils.translation import gettext as _

from followup.customers import timeline
from followup.intake.models import Form, Submission
from followup.tasks import origins
from followup.tasks.models import Source

SUBMISSION = "form_submission"


def describe_form(form_id: int) -> str | None:
    name = Form.objects.filter(pk=form_id).values_list("name", flat=True).first()
    return _("Created by the form “%(name)s”") % {"name": name} if name is not None else None


def customer_submissions(customer):
    """D9, C4: what the customer sent through the organization's forms."""
    return Submission.objects.filter(customer_id=customer.pk, organization_id=customer.organization_id)


def submissions_for_history():
    return Submission.objects.select_related("form", "customer").only(
        "id", "data", "new_customer", "consent", "task_id", "created_at", "form__id", "form__name", "form__fields",
        "customer__id", "customer__name")


def connect() -> None:
    origins.register(Source.FORM, describe_form)
    timeline.register_source(SUBMISSION, timeline.Source(
        rows=customer_submissions, fetch=submissions_for_history, actor=lambda _submission: None,
        template="intake/_history_submission.html"))
