"""Who is calling: a personal access token (``Authorization: Bearer fu_...``) or the browser's
session. Both are accepted on every endpoint, tried in that order.

* A request that carries a bearer token is judged by the token alone: a wrong or revoked one is
  a 401 even if a session cookie came along.
* The session is the browser's: unsafe methods (POST, PATCH, PUT, DELETE) need the CSRF token
  (``X-CSRFToken`` header), exactly as for the web UI's forms.
* ``tasks=True`` (the task endpoints) answers 404 when the organization has switched the task
  module off (D12), as if the endpoints did not exist.
"""

import zoneinfo

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from followup.accounts.access import ensure_admin
from followup.accounts.models import User
from followup.accounts.services import api_token_user
from followup.core.exceptions import NotFound


def _admit(request: HttpRequest, user: User, *, tasks: bool) -> User:
    if not user.organization_id:
        # Platform superusers have no organization, so nothing of the API is theirs.
        raise AuthenticationError()
    if tasks and not user.organization.tasks_enabled:
        raise NotFound(_("The task module is switched off for your organization."))
    if user.time_zone:
        timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
    return user


class BearerToken(HttpBearer):
    """A personal access token made with ``followup token <username> <name>``."""

    def __init__(self, *, tasks: bool = False):
        self.tasks = tasks
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_user(token.strip())
        if user is None:
            raise AuthenticationError()
        request.user = user
        return _admit(request, user, tasks=self.tasks)


class Session(APIKeyCookie):
    """The browser's Django session; CSRF is checked for unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self, *, tasks: bool = False):
        self.tasks = tasks
        super().__init__(csrf=False)  # checked below, only once we know a session is in use

    def authenticate(self, request: HttpRequest, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, _("CSRF check failed: send the csrftoken cookie's value as the X-CSRFToken header."))
        return _admit(request, user, tasks=self.tasks)


def everyone() -> list:
    return [BearerToken(), Session()]


def task_module() -> list:
    return [BearerToken(tasks=True), Session(tasks=True)]


class _AdminOnly:
    """L8: the caller must be an administrator, checked before the body is read, so everyone
    else gets the 403 whatever they sent."""

    def authenticate(self, request: HttpRequest, *args):
        user = super().authenticate(request, *args)
        if user is not None:
            ensure_admin(user)
        return user


class AdminBearerToken(_AdminOnly, BearerToken):
    pass


class AdminSession(_AdminOnly, Session):
    pass


def administrators() -> list:
    """The task settings' writes (``task-types``, ``task-statuses``): administrators only."""
    return [AdminBearerToken(tasks=True), AdminSession(tasks=True)]
