"""``Idempotency-Key`` on the API (``followup.core.idempotency``): every POST and PATCH that
carries the header, creates included (tasks, customers, notes, messages, memos, projects, deals,
reminders, a memo's create-task and create-project) and edits, answers a retry with the first
answer. A retried PATCH would otherwise meet its own edit and answer 409 (its version is stale).

A middleware rather than a decorator on each endpoint, so that no create can forget it. The
key's scope is the caller: the token's user or the session's; a request that is neither is
left to the API's own 401.
"""

from django.http import JsonResponse

from followup.accounts.services import api_token_user
from followup.core.exceptions import FieldErrors
from followup.core.idempotency import HEADER, replay_or_run

API_PREFIX = "/api/"
METHODS = {"POST", "PATCH"}  # the ones a retry must not repeat (draft-ietf-httpapi-idempotency-key-header)


def _caller_id(request) -> int | None:
    authorization = request.headers.get("Authorization", "")
    if authorization[:7].lower() == "bearer ":
        user = api_token_user(authorization[7:].strip())
        return user.pk if user is not None else None
    return request.user.pk if request.user.is_authenticated else None


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.headers.get(HEADER)
        if key is None or request.method not in METHODS or not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        caller = _caller_id(request)
        if caller is None:
            return self.get_response(request)
        try:
            return replay_or_run(request=request, scope=f"user:{caller}", key=key,
                                 run=lambda: self.get_response(request))
        except FieldErrors as exc:
            return JsonResponse({"errors": exc.errors}, status=422)
