"""A2: the service worker, served from the site's root so that its scope is the whole site."""

from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def service_worker(request):
    """The worker's script with the current static URLs; ``no-cache``, so that a browser looks
    for a new worker on every visit."""
    response = render(request, "sync/sw.js", content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
