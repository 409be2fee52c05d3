"""``Idempotency-Key``: a retried request gets the first answer, never a second object.

One mechanism for the API (``followup.api.idempotency``) and public forms: the caller names a
scope (who is asking), and ``replay_or_run`` either runs the request or answers as the first
request with that key did. Keys live 24 hours per (scope, method, path).

The row that claims the key, the request's own writes and the stored answer are one
transaction, so there is never a claimed key without an answer, nor an answer without its
writes. A second request with the same key waits on the database's unique index (PostgreSQL)
or write lock (SQLite) until the first commits, and then replays its answer. An answer that
says the request could not be judged (401, 403, 429, 5xx) is not kept: the writes, if any,
roll back with it, and a retry runs anew.
"""

import hashlib
from collections.abc import Callable
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.core.exceptions import FieldErrors
from followup.core.models import IdempotentRequest

HEADER = "Idempotency-Key"
KEPT = timedelta(hours=24)
KEY_MAX = 200
NOT_KEPT = {401, 403, 429}
REPLAYED_HEADERS = ("ETag", "Location", "Retry-After")


class _Unkept(Exception):
    """Carries an answer out of the transaction that it rolls back."""

    def __init__(self, response: HttpResponse):
        self.response = response


def check_key(key: str) -> str:
    key = key.strip()
    if not key or len(key) > KEY_MAX or not key.isprintable():
        raise FieldErrors.single(HEADER, _("An Idempotency-Key is 1 to %(n)s printable characters.") % {"n": KEY_MAX})
    return key


def fingerprint(request: HttpRequest) -> str:
    """What was sent, so that the same key with another request is refused. A multipart body is
    read by its fields and files, since its boundary changes from one sending to the next. The
    version an edit names in ``If-Match`` is part of it (the same body on another version is
    another edit); a request without the header is fingerprinted as before it counted."""
    digest = hashlib.sha256(f"{request.method} {request.get_full_path()}\n".encode())
    if_match = request.headers.get("If-Match")
    if if_match is not None:
        digest.update(f"If-Match: {if_match.strip()}\n".encode())
    if request.content_type == "multipart/form-data":
        for name, values in sorted(request.POST.lists()):
            digest.update(repr((name, values)).encode())
        for name, files in sorted(request.FILES.lists()):
            for upload in files:
                digest.update(repr((name, upload.name, upload.size)).encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
                upload.seek(0)
    else:
        digest.update(request.body)
    return digest.hexdigest()


def replay_or_run(*, request: HttpRequest, scope: str, key: str, run: Callable[[], HttpResponse]) -> HttpResponse:
    """The stored answer for this key, or ``run()``'s, stored. ``FieldErrors`` (naming the key)
    when the key was used for a different request."""
    key = check_key(key)
    sent = fingerprint(request)
    try:
        with transaction.atomic():
            claimed = _claim(request=request, scope=scope, key=key, sent=sent)
            if claimed is not None:
                return _replay(claimed, sent)
            response = run()
            if response.status_code >= 500 or response.status_code in NOT_KEPT or response.streaming:
                raise _Unkept(response)
            _store(request=request, scope=scope, key=key, response=response)
            return response
    except _Unkept as unkept:
        return unkept.response


def _claim(*, request, scope: str, key: str, sent: str) -> IdempotentRequest | None:
    """Claim the key (``None``), or return the finished request that holds it."""
    where = {"scope": scope, "method": request.method, "path": request.path[:500], "key": key}
    now = timezone.now()
    IdempotentRequest.objects.filter(**where, created_at__lt=now - KEPT).delete()
    try:
        with transaction.atomic():
            IdempotentRequest.objects.create(**where, fingerprint=sent, created_at=now)
    except IntegrityError:
        return IdempotentRequest.objects.get(**where)
    return None


def _store(*, request, scope: str, key: str, response: HttpResponse) -> None:
    IdempotentRequest.objects.filter(scope=scope, method=request.method, path=request.path[:500], key=key).update(
        status_code=response.status_code, content_type=response.get("Content-Type", ""),
        headers={h: response[h] for h in REPLAYED_HEADERS if response.has_header(h)}, body=response.content,
    )


def _replay(stored: IdempotentRequest, sent: str) -> HttpResponse:
    if stored.fingerprint != sent:
        raise FieldErrors.single(HEADER, _("This Idempotency-Key was already used for a different request."))
    response = HttpResponse(bytes(stored.body), status=stored.status_code, content_type=stored.content_type)
    for name, value in stored.headers.items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent_requests_prune() -> int:
    """Forget keys older than 24 hours (the scheduler's ``prune_old_records``)."""
    deleted, _details = IdempotentRequest.objects.filter(created_at__lt=timezone.now() - KEPT).delete()
    return deleted
