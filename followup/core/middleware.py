"""Refuse text with a NUL character before any view sees it.

PostgreSQL cannot store ``\\x00`` in a text column (the insert fails with a 500) and SQLite
silently cuts some uses of it short, so a query string or form value carrying one is answered
here, once for every page and endpoint, with a message naming the field: the API's 422 under
``/api/``, a toast for an htmx request, a 400 page otherwise. JSON bodies of the API are
checked by its schemas (``followup.api.common.In``).
"""

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

from followup.core.responses import htmx_error, is_htmx

NUL = "\x00"


def nul_message() -> str:
    return _("Text cannot contain the NUL character (\\x00).")


def too_big_message() -> str:
    return _("The request body is too large.")


def unreadable_form_message() -> str:
    return _("The request body is not a readable form (check its multipart boundary).")


def _field_with_nul(request) -> str | None:
    for data in (request.GET, request.POST):
        for name, values in data.lists():
            if NUL in name or any(NUL in value for value in values):
                return name.replace(NUL, "")
    return None


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith("/api/")
        try:
            field = _field_with_nul(request)
        except RequestDataTooBig:
            if not api:
                raise  # Django answers it, as it would without this middleware
            # Reading the form was refused, and Django keeps it empty from now on: answer as the API does.
            return JsonResponse({"errors": {"body": [too_big_message()]}}, status=413)
        except MultiPartParserError:
            if not api:
                raise  # Django answers it, as it would without this middleware
            # A client's mistake, not ours: a JSON 400 naming the body, and no traceback in the log.
            return JsonResponse({"errors": {"body": [unreadable_form_message()]}}, status=400)
        if field is None:
            return self.get_response(request)
        if api:
            return JsonResponse({"errors": {field: [nul_message()]}}, status=422)
        reason = _("The field “%(field)s” contains a NUL character (\\x00), which text cannot hold.") % {
            "field": field}
        if is_htmx(request):
            return htmx_error(request, reason)
        return render(request, "400.html", {"reason": reason}, status=400)
