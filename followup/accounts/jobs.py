"""Periodic work of the accounts app for the scheduler."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from followup.accounts.models import LoginFailure
from followup.core.scheduler import periodic

LOGIN_FAILURES_KEPT = timedelta(days=1)


@periodic("prune_login_failures", every=timedelta(hours=1))
def prune_login_failures() -> str:
    """Delete login failures older than a day (or than the throttle window, if that is longer):
    the throttle only counts recent ones."""
    kept = max(LOGIN_FAILURES_KEPT, timedelta(minutes=settings.LOGIN_THROTTLE_MINUTES))
    failures, _ = LoginFailure.objects.filter(created_at__lt=timezone.now() - kept).delete()
    return f"deleted {failures} login failure(s)"
