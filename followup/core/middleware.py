"""Refuse text with a NUL character before any view sees it.

PostgreSQL cannot store ``\\x00`` in a text column (the insert fails with a 500) and SQLite
silently cuts some uses of it short, so a query string or form value carrying one is answered
here, once for every page and endpoint, with a message naming the field: 422 with the API's
error shape under ``/api/``, a 400 page elsewhere. JSON bodies of the API are checked by its
schemas (``followup.api.schemas.In``).
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def nul_message() -> str:
    return _("Text cannot contain the NUL character (\\x00).")


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
        field = _field_with_nul(request)
        if field is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"errors": {field: [nul_message()]}}, status=422)
        reason = _("The field “%(field)s” contains a NUL character (\\x00), which text cannot hold.") % {
            "field": field}
        return render(request, "400.html", {"reason": reason}, status=400)
