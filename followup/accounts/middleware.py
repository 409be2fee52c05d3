"""Per-user settings applied to every request, after authentication: the time zone (times are
stored in UTC, shown in local time) and the language (§4)."""

import zoneinfo

from django.utils import timezone, translation


class UserTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.time_zone:
            timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
        else:
            timezone.deactivate()
        return self.get_response(request)


class UserLanguageMiddleware:
    """§4: a signed-in person sees the language stored on them. Django's LocaleMiddleware,
    earlier in the chain, has already chosen one from the language cookie (the login page's
    switch) or the browser's Accept-Language: that is what everyone else sees, and what a person
    who has not chosen yet sees. LocaleMiddleware's response half then names the language in
    Content-Language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
