"""``GET /api/v1/counts`` (D1) as a plain Django view in front of the Ninja operation (issue 16 §5).

The header badge polls it, so it must cost little more than its one index-only count. Ninja's
request machinery (operation lookup, parameter models, response validation) cost about as much
as the query itself; this view does only what that operation did for this endpoint: the same
authentication callables in the same order (``followup.api.auth.task_module``: the bearer token,
then the session), the same error answers (``api.on_exception``, so a 401 or the D12 404 reads as
everywhere else in the API), the same JSON renderer. The Ninja operation stays registered for
the OpenAPI document (``followup.api.tasks.counts``); this view is mounted before it at the same
URL (``followup.api.urls``).
"""

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import AuthenticationError

from followup.api.api import api
from followup.api.auth import task_module
from followup.tasks.selectors import pending_count

_AUTH = task_module()


def _caller(request: HttpRequest):
    """The first authentication that answers, as Ninja tries them; raises as Ninja's would."""
    for auth in _AUTH:
        user = auth(request)
        if user:
            return user
    raise AuthenticationError()


@csrf_exempt  # as every Ninja view: the session's CSRF check is the authentication's (GET needs none)
def counts(request: HttpRequest) -> HttpResponse:
    """D1: the number of my pending tasks. Queries: the token (or the session and its user), the count."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"], content=b"Method not allowed")
    try:
        user = _caller(request)
    except Exception as exc:  # noqa: BLE001 - answered by the API's own handlers, as in Ninja
        return api.on_exception(request, exc)
    return api.create_response(request, {"my_pending": pending_count(user)}, status=200)
