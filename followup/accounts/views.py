"""Sign-in, sign-out and the profile page."""


from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.accounts import selectors, services
from followup.accounts.forms import ThrottledLoginForm
from followup.accounts.models import TIME_ZONE_CHOICES
from followup.core.exceptions import FieldErrors
from followup.core.web import domain_errors


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True


def home(request):
    """The root of the site, and where signing in lands (``LOGIN_REDIRECT_URL``): the first
    module of the organization that is on (issue 13 §1.5): the task lists, or the customers
    when the task module is off (D12). Someone of no organization (a platform superuser) gets
    the admin."""
    if not request.user.is_authenticated:
        return redirect("login")
    org = request.user.organization
    if org is None:
        return redirect("admin:index" if request.user.is_staff else "profile")
    return redirect("tasks:list" if org.tasks_enabled else "customers:list")


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
