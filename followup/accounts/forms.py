"""The login form with throttling (too many failures for a username lock it for a while)."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from followup.accounts import services


class ThrottledLoginForm(AuthenticationForm):
    """After LOGIN_THROTTLE_FAILURES failures for one username within LOGIN_THROTTLE_MINUTES,
    every attempt is refused, even with the right password, before the password is checked."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _(
            "Too many failed sign-ins for this username. Wait %(minutes)s minutes and try again."
        ),
    }

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        if username and services.login_is_throttled(username=username):
            raise forms.ValidationError(
                self.error_messages["throttled"], code="throttled",
                params={"minutes": settings.LOGIN_THROTTLE_MINUTES},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                ip = self.request.META.get("REMOTE_ADDR") if self.request else None
                services.login_failure_record(username=username, ip_address=ip or None)
            raise
        if username:
            services.login_failures_clear(username=username)
        return cleaned
