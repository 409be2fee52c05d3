"""Sign-in, sign-out, the profile page, and the people picker's search."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.accounts import selectors, services
from followup.accounts.forms import ThrottledLoginForm
from followup.accounts.models import TIME_ZONE_CHOICES
from followup.core.combobox import choices_response, search_text
from followup.core.exceptions import FieldErrors
from followup.core.web import domain_errors


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


@login_required
def people_choices(request):
    """Issue 13 §1.1: the people picker's options for ``q`` (every assignee, subscriber,
    member and owner field). Queries: session, user + organization, the people."""
    q = search_text(request)
    people = selectors.people_search(actor=request.user, q=q)
    return choices_response(request, selectors.person_choices(people, actor=request.user),
                            empty=_("Nobody matches “%(q)s”.") % {"q": q} if q else _("Nobody to choose."))


logout = require_POST(auth_views.LogoutView.as_view())
