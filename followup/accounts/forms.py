"""The login forms, of the site and of Django admin, with throttling (§3.6)."""

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from followup.accounts import throttle
from followup.core.clientaddr import client_address, client_network


class ThrottledLoginMixin:
    """Too many failures of one username from one client, or of any usernames from one client,
    within LOGIN_THROTTLE_MINUTES refuse the attempt before its password is checked, even when
    it is the right one (followup/accounts/throttle.py has the thresholds and why)."""

    throttle_messages = {
        throttle.Throttled.USERNAME: _(
            "Too many failed sign-ins for this username. Wait %(minutes)s minutes and try again."
        ),
        throttle.Throttled.CLIENT: _(
            "Too many failed sign-ins from your network. Wait %(minutes)s minutes and try again."
        ),
    }

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        if not username or not self.cleaned_data.get("password"):
            return super().clean()  # nothing to check a password against: Django names the field
        attempt = throttle.login_attempt_start(
            username=username, client_network=client_network(self.request) if self.request else "",
            ip_address=client_address(self.request) if self.request else "",
        )
        if attempt.throttled is not None:
            raise forms.ValidationError(
                self.throttle_messages[attempt.throttled], code="throttled",
                params={"minutes": settings.LOGIN_THROTTLE_MINUTES},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.login_failures_prune()
            raise
        throttle.login_attempt_succeeded(attempt=attempt)
        return cleaned


class ThrottledLoginForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """Django admin's own login page is throttled the same way, or it would be the way around."""
