"""D9 spam protection: a honeypot field that people never see and robots fill in, and a rate
limit per client address and form, counted in the database so that it holds across every web
process (a per-process counter would let a flood through N times over)."""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from followup.core.clientaddr import client_network
from followup.intake.models import Form, SubmissionCounter

HONEYPOT = "website"  # what robots love to fill; hidden from people by the stylesheet
DEFAULT_PER_MINUTE = 10


def client_of(request) -> str:
    """The client a limit counts: its address through trusted proxies only (an IPv6 client by its
    /64), from ``core.clientaddr``; "unknown" when the server cannot tell."""
    return client_network(request) or "unknown"


def is_robot(values: dict) -> bool:
    return bool(str(values.get(HONEYPOT) or "").strip())


def per_minute() -> int:
    return getattr(settings, "FOLLOWUP_FORM_SUBMISSIONS_PER_MINUTE", DEFAULT_PER_MINUTE)


def rate_limited(*, form: Form, client: str) -> bool:
    """Count this submission in its own transaction (a refused or failed submission counts too,
    so a retry loop is throttled) and say whether the client is over the limit for this minute."""
    minute = timezone.now().replace(second=0, microsecond=0)
    where = {"form_id": form.pk, "client": client[:64], "minute": minute}
    with transaction.atomic():
        if not SubmissionCounter.objects.filter(**where).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    SubmissionCounter.objects.create(**where, count=1)
            except IntegrityError:  # another process made this minute's row a moment ago
                SubmissionCounter.objects.filter(**where).update(count=F("count") + 1)
        count = SubmissionCounter.objects.filter(**where).values_list("count", flat=True).get()
    return count > per_minute()


def counters_prune(*, older_than: dt.timedelta = dt.timedelta(minutes=10)) -> int:
    """Forget finished minutes (the scheduler's prune)."""
    deleted, _details = SubmissionCounter.objects.filter(minute__lt=timezone.now() - older_than).delete()
    return deleted
