"""L8: the invitee's page, reached from the invitation e-mail: choose a password, be signed in."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from followup.accounts.invitations import invitation_accept, invitation_user
from followup.core.exceptions import FieldErrors


def invitation(request, uidb64: str, token: str):
    user = invitation_user(uidb64, token)
    if user is None:
        return render(request, "setup/welcome_invalid.html", status=404)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            invitation_accept(user=user, password=request.POST.get("password", ""),
                              password_again=request.POST.get("password_again", ""))
        except FieldErrors as exc:
            errors = exc.errors
        else:
            login(request, user, backend="followup.accounts.backends.FollowupBackend")
            messages.success(request, _("Welcome to %(organization)s, %(name)s.") % {
                "organization": user.organization.name, "name": user.first_name or user.username})
            return redirect("home")
    return render(request, "setup/welcome.html", {"invitee": user, "errors": errors},
                  status=422 if errors else 200)
