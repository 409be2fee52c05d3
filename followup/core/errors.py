"""Error pages that work when the database does not (issue 13 §3.2): Followup's ``handler500``.

Django calls ``handler500`` for every exception no view or middleware handled, in pages and in
the API alike (Django Ninja hands such exceptions back to Django), and calls it inside the
``except`` block, so the exception is at hand. A database that cannot be reached is not a bug
but a moment to wait through: that answers **503** with ``Retry-After``: JSON under ``/api/``, a
toast for an htmx request, otherwise a branded page that reloads itself after a GET. Anything
else answers the branded 500 page. Neither touches the user or the database (both are rendered
without the request, as Django renders its own 500 page), and the next request that reaches the
database is served normally again: recovery needs nobody. With ``FOLLOWUP_DEBUG=true`` Django
shows its debug page instead, as for every other error.
"""

import logging
import sys

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from followup.core.outage import describe, is_database_outage
from followup.core.responses import is_htmx

RETRY_AFTER_SECONDS = 5
logger = logging.getLogger("followup.outage")


def unavailable_message() -> str:
    return _("Followup cannot reach its database for a moment. Try again in a few seconds.")


def server_error(request) -> HttpResponse:
    """``handler500``: 503 for a database outage, the branded 500 page for anything else."""
    exc = sys.exc_info()[1]
    if is_database_outage(exc):
        return database_unavailable(request, exc)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Something went wrong on our side; the error has been logged.")},
                            status=500)
    return HttpResponse(render_to_string("500.html"), status=500)


def database_unavailable(request, exc: BaseException | None) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": unavailable_message()}, status=503)
    elif is_htmx(request):
        # htmx shows no error body: a 200 that swaps nothing and adds a toast, as core.responses does.
        response = HttpResponse(render_to_string("_error_fragment.html", {"text": unavailable_message()}))
        response["HX-Reswap"] = "none"
    else:
        reload_after = RETRY_AFTER_SECONDS if request.method in ("GET", "HEAD") else None
        response = HttpResponse(render_to_string("503.html", {"reload_after": reload_after}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # One line instead of Django's traceback per request: an outage is expected, not a bug.
    logger.warning("%s %s answered %s: the database is unavailable (%s)", request.method, request.path,
                   response.status_code, describe(exc))
    response._has_been_logged = True
    return response
