"""§1.14: changing one's password, and resetting a forgotten one by e-mail.

Django's own views and forms do the work (token links that expire after
PASSWORD_RESET_TIMEOUT and stop working once the password changed, no hint whether an address
is known); these classes give them Followup's pages and an e-mail whose link starts with
FOLLOWUP_BASE_URL, as every e-mail of Followup's does. The e-mail is sent while the request
waits, as Django does: a mail server that refuses it is logged, and the page says the same as
for an unknown address, so the answer never tells who has an account.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _


class PasswordChangeView(auth_views.PasswordChangeView):
    """Needs the current password; the session stays signed in, other sessions of the user end."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self):
        return {"base_url": settings.BASE_URL}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
