"""Sign-in, sign-out, the language switch, the profile page, and the people picker's search."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.accounts import selectors, services
from followup.accounts.forms import ThrottledLoginForm
from followup.accounts.models import TIME_ZONE_CHOICES
from followup.core.combobox import choices_response, search_text
from followup.core.exceptions import FieldErrors
from followup.core.web import domain_errors, safe_next

LANGUAGE_PICKED = "language_picked"  # session key: a language chosen with the switch before signing in


def _remember_language(response, language: str):
    """The language cookie that LocaleMiddleware reads before anyone is signed in (the login page)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_POST
def language_switch(request):
    """§4: the English / Polski switch. A signed-in person's choice is stored on them; before
    signing in it is a cookie (and a note in the session, which signing in keeps on the user)."""
    language = request.POST.get("language", "")
    target = safe_next(request, "/")
    if language not in {code for code, _name in settings.LANGUAGES}:
        return HttpResponseRedirect(target)
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    else:
        request.session[LANGUAGE_PICKED] = language
    return _remember_language(HttpResponseRedirect(target), language)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        """§4: signing in keeps the language picked on this page; without a pick, a person who
        never chose one keeps the browser's (what the login page was shown in)."""
        picked = self.request.session.get(LANGUAGE_PICKED)
        response = super().form_valid(form)
        user = form.get_user()
        if picked:
            services.user_set_language(user=user, language=picked)
        elif not user.language:
            services.user_set_language(user=user, language=self.request.LANGUAGE_CODE)
        self.request.session.pop(LANGUAGE_PICKED, None)
        return _remember_language(response, user.language)


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


def _profile_action(request, action: str):
    """One form of the profile page; a redirect when it is done, else ``None`` (render the page)."""
    if action == "details":
        user = services.user_update_details(
            user=request.user, first_name=request.POST.get("first_name", ""),
            last_name=request.POST.get("last_name", ""), email=request.POST.get("email", ""),
            language=request.POST.get("language", ""))
        with translation.override(user.language):
            messages.success(request, _("Your details are saved."))
        return _remember_language(redirect("profile"), user.language)
    if action == "time_zone":
        services.user_set_time_zone(user=request.user, time_zone=request.POST.get("time_zone", ""))
        messages.success(request, _("Your time zone is saved."))
        return redirect("profile")
    if action == "token_revoke":
        services.api_token_revoke(user=request.user, token_id=request.POST.get("token_id"))
        messages.success(request, _("The token is revoked."))
        return redirect("profile")
    return None


@login_required
@domain_errors
def profile(request):
    new_token = None
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            done = _profile_action(request, action)
            if done is not None:
                return done
            if action == "token_create":
                token, new_token = services.api_token_create(user=request.user, name=request.POST.get("name", ""))
                messages.success(request, _("Token “%(name)s” created. Copy it now: it is shown only once.")
                                 % {"name": token.name})
        except FieldErrors as exc:
            errors = exc.errors
    return render(request, "accounts/profile.html", {
        "time_zones": TIME_ZONE_CHOICES,
        "tokens": selectors.api_tokens_of(user=request.user),
        "new_token": new_token,
        "errors": errors,
        "posted": request.POST,
        "details": _details_shown(request),
    })


def _details_shown(request) -> dict[str, str]:
    """What the details form shows: what was just posted (refused), else what is stored."""
    if request.POST.get("action") == "details":
        return {f: request.POST.get(f, "") for f in ("first_name", "last_name", "email", "language")}
    user = request.user
    return {"first_name": user.first_name, "last_name": user.last_name, "email": user.email,
            "language": user.language or translation.get_language()}


@login_required
def people_choices(request):
    """Issue 13 §1.1: the people picker's options for ``q`` (every assignee, subscriber,
    member and owner field). Queries: session, user + organization, the people."""
    q = search_text(request)
    people = selectors.people_search(actor=request.user, q=q)
    return choices_response(request, selectors.person_choices(people, actor=request.user),
                            empty=_("Nobody matches “%(q)s”.") % {"q": q} if q else _("Nobody to choose."))


logout = require_POST(auth_views.LogoutView.as_view())
