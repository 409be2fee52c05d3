"""Responses more than one app gives, written once."""

from django.shortcuts import render


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def htmx_error(request, text: str):
    """An error for an htmx request: a 200 with no swap, so that htmx (which ignores 4xx bodies)
    still shows the message as an out-of-band toast."""
    response = render(request, "_error_fragment.html", {"text": text})
    response["HX-Reswap"] = "none"
    return response
