"""Periodic work of the accounts app for the scheduler."""

from datetime import timedelta

from followup.accounts.throttle import login_failures_prune
from followup.core.scheduler import periodic


@periodic("prune_login_failures", every=timedelta(hours=1))
def prune_login_failures() -> str:
    """Delete login failures older than a day (or than the throttle window, if that is longer):
    the throttle only counts recent ones."""
    return f"deleted {login_failures_prune()} login failure(s)"
