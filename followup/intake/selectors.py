"""Reads of forms for the administrators' pages and the API."""

from django.db.models import Count, Max

from followup.accounts.models import User
from followup.automation.checks import ensure_admin
from followup.core.pagination import Page, paginate
from followup.intake.models import Form, Submission


def form_list(*, actor: User, page: int = 1, size: int | None = None) -> Page[Form]:
    """The organization's forms with their submission counts. Queries: the count and one page."""
    ensure_admin(actor)
    forms = (Form.objects.filter(organization_id=actor.organization_id)
             .annotate(submission_count=Count("submissions"), last_submitted_at=Max("submissions__created_at"))
             .order_by("name", "id"))
    return paginate(forms, number=page, size=size)


def form_submissions(*, form: Form, page: int = 1, size: int | None = None) -> Page[Submission]:
    """A form's submissions, newest first, with their customer and task (the caller fetched the
    form through ``building.form_get``, which checks the administrator). Queries: count and page."""
    submissions = (Submission.objects.filter(form=form).select_related("customer", "task")
                   .order_by("-created_at", "-id"))
    return paginate(submissions, number=page, size=size)
