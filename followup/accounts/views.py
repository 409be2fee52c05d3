"""Sign-in, sign-out, the profile page, and the one place where domain errors become pages.

``domain_errors`` wraps every UI view of Followup: ``NotFound`` becomes a 404, ``NotAllowed``
a 403 page with its reason, and a ``FieldErrors`` or ``StaleEdit`` that a view did not show
next to a form field becomes a message on the page the user came from.
"""

import functools

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.accounts import selectors, services
from followup.accounts.forms import ThrottledLoginForm
from followup.accounts.models import TIME_ZONE_CHOICES
from followup.core.exceptions import FieldErrors, NotAllowed, NotFound, StaleEdit
from followup.core.responses import htmx_error, is_htmx


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
        except (FieldErrors, StaleEdit) as exc:
            text = " ".join(m for ms in exc.errors.values() for m in ms) if isinstance(exc, FieldErrors) else str(exc)
            if is_htmx(request):
                return htmx_error(request, text)
            messages.error(request, text)
            # Back where the user came from: a GET page re-renders; a POST-only action goes back.
            fallback = request.path if request.method == "GET" else _safe_referer(request) or "/"
            return HttpResponseRedirect(safe_next(request, fallback))

    return wrapper


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True


def home(request):
    """The root of the site: the task list, or the customers when the task module is off (D12)."""
    if not request.user.is_authenticated:
        return redirect("login")
    org = request.user.organization
    if org is not None and not org.tasks_enabled:
        return redirect("customers:list")
    return redirect("tasks:list")


@login_required
@domain_errors
def profile(request):
    new_token = None
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "time_zone":
                services.user_set_time_zone(user=request.user, time_zone=request.POST.get("time_zone", ""))
                messages.success(request, _("Your time zone is saved."))
                return redirect("profile")
            if action == "token_create":
                token, new_token = services.api_token_create(user=request.user, name=request.POST.get("name", ""))
                messages.success(request, _("Token “%(name)s” created. Copy it now: it is shown only once.")
                                 % {"name": token.name})
            elif action == "token_revoke":
                services.api_token_revoke(user=request.user, token_id=request.POST.get("token_id"))
                messages.success(request, _("The token is revoked."))
                return redirect("profile")
        except FieldErrors as exc:
            errors = exc.errors
    return render(request, "accounts/profile.html", {
        "time_zones": TIME_ZONE_CHOICES,
        "tokens": selectors.api_tokens_of(user=request.user),
        "new_token": new_token,
        "errors": errors,
        "posted": request.POST,
    })


logout = require_POST(auth_views.LogoutView.as_view())
