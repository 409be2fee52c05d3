"""Login throttling (§3.6): per (username, client) and per client, in the database so that it
holds across every web process and machine.

- About ``LOGIN_THROTTLE_FAILURES`` (5) failures of one username from one client refuse that
  username from that client for ``LOGIN_THROTTLE_MINUTES``: a person who mistyped is stopped
  from guessing further, but a stranger elsewhere cannot lock them out.
- About ``LOGIN_THROTTLE_ADDRESS_FAILURES`` (50) failures from one client, whatever the
  usernames, refuse that client: one password sprayed over many users is slowed down, while an
  office behind one address is not locked out by one person's typos.

The client is what ``followup.core.clientaddr.client_network`` says (an IPv6 client counts by
its /64). Each attempt is written *before* its password is checked and counts only the attempts
written before it, so that a burst of simultaneous guesses gets no more tries than a slow one;
an attempt that was refused is not kept (waiting out the throttle is enough), one that
succeeded clears its (username, client) failures.

django-axes was considered: its one failure limit applies to every lockout combination it
counts, so it cannot refuse at 5 per (username, client) and at 50 per client.
"""

import enum
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from followup.accounts.models import LoginFailure

FAILURES_KEPT = timedelta(days=1)


class Throttled(enum.Enum):
    USERNAME = "username"  # this username from this client
    CLIENT = "client"  # every username from this client


@dataclass(frozen=True)
class LoginAttempt:
    pk: int | None
    username: str
    client_network: str
    throttled: Throttled | None


def _window_start():
    return timezone.now() - timedelta(minutes=settings.LOGIN_THROTTLE_MINUTES)


def login_attempt_start(*, username: str, client_network: str, ip_address: str) -> LoginAttempt:
    """Record a login attempt before its password is checked, and say whether it is throttled
    (then nothing is kept and the password must not be checked)."""
    username = username.strip().lower()[:150]
    row = LoginFailure.objects.create(username=username, client_network=client_network, ip_address=ip_address or None)
    earlier = LoginFailure.objects.filter(client_network=client_network, created_at__gte=_window_start(), pk__lt=row.pk)
    throttled = None
    if earlier.count() >= settings.LOGIN_THROTTLE_ADDRESS_FAILURES:
        throttled = Throttled.CLIENT
    elif earlier.filter(username=username).count() >= settings.LOGIN_THROTTLE_FAILURES:
        throttled = Throttled.USERNAME
    if throttled is not None:
        row.delete()
        return LoginAttempt(None, username, client_network, throttled)
    return LoginAttempt(row.pk, username, client_network, None)


def login_failures_prune() -> int:
    """Failures older than they can matter go: after each failure (whose row simply stays), so
    the table stays small even where no scheduler runs, and hourly (accounts/jobs.py)."""
    kept = max(FAILURES_KEPT, timedelta(minutes=settings.LOGIN_THROTTLE_MINUTES))
    deleted, _ = LoginFailure.objects.filter(created_at__lt=timezone.now() - kept).delete()
    return deleted


def login_attempt_succeeded(*, attempt: LoginAttempt) -> None:
    """The right password: this username's failures from this client are forgotten (so are the
    attempt's own row), those from other clients and of other usernames are not."""
    LoginFailure.objects.filter(username=attempt.username, client_network=attempt.client_network).delete()
