"""Web plumbing every app's pages share: where to go back to, and the one place where domain
errors become pages.

``domain_errors`` wraps every UI view of Followup: ``NotFound`` becomes a 404, ``NotAllowed``
a 403 page with its reason, ``ConfigurationMissing`` a page saying what the organization lacks
and who can fix it, and a ``FieldErrors`` or ``StaleEdit`` that a view did not show next to a
form field becomes a message on the page the user came from.
"""

import functools

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from followup.core.exceptions import ConfigurationMissing, FieldErrors, NotAllowed, NotFound, StaleEdit
from followup.core.responses import htmx_error, is_htmx


def page_url_base(url_name: str) -> str:
    """The URL of the page ``url_name`` names by an object's id, less that id (``/tasks/`` for
    ``/tasks/12/``): one ``reverse()`` for a whole page of links, each then the base, its id and a
    slash (issue 16 §1: a ``reverse()`` per row was a fifth of a list's rendering)."""
    return reverse(url_name, args=[0]).removesuffix("0/")


def safe_next(request, default: str) -> str:
    """The ``next`` parameter when it points into this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return target
    return default


def _safe_referer(request) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return referer
    return ""


def setup_needed(request, *, problem: str, fix: str, admin_url: str = "", status: int = 409):
    """Issue 13 §1.3: a page that cannot work because of how the organization is set up says
    what is missing and who can fix it (administrators get a link to the admin page), instead of
    an error, a form message about a field the user never touched, or a redirect loop."""
    if is_htmx(request):
        return htmx_error(request, f"{problem} {fix}")
    link = ""
    if admin_url and request.user.is_staff:
        try:
            link = reverse(admin_url)
        except NoReverseMatch:
            link = reverse("admin:index")
    return render(request, "setup_needed.html", {"problem": problem, "fix": fix, "admin_link": link}, status=status)


def domain_errors(view):
    """Map domain exceptions once: 404, 403 with the reason, or a message and a redirect back."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc)) from exc
        except NotAllowed as exc:
            return render(request, "403.html", {"reason": str(exc)}, status=403)
        except ConfigurationMissing as exc:
            return setup_needed(request, problem=exc.problem, fix=exc.fix, admin_url=exc.admin_url)
        except (FieldErrors, StaleEdit) as exc:
            text = " ".join(m for ms in exc.errors.values() for m in ms) if isinstance(exc, FieldErrors) else str(exc)
            if is_htmx(request):
                return htmx_error(request, text)
            messages.error(request, text)
            # Back where the user came from: a GET page re-renders; a POST-only action goes back.
            fallback = request.path if request.method == "GET" else _safe_referer(request) or "/"
            return HttpResponseRedirect(safe_next(request, fallback))

    return wrapper
