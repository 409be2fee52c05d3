"""Writes for organizations, users and API tokens."""

import hashlib
import secrets
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from followup.accounts import events
from followup.accounts.models import ApiToken, Department, Organization, Role, User
from followup.core.exceptions import FieldErrors, NotFound
from followup.core.limits import max_length, too_long

TOKEN_PREFIX = "fu_"

def organization_create(*, name: str, slug: str | None = None, **fields) -> Organization:
    """L1: a new organization; the apps above give it their defaults (``organization_created``)."""
    return organization_save_new(organization=Organization(
        name=name, slug=slug or slugify(name)[:80] or secrets.token_hex(4), **fields))


def organization_save_new(*, organization: Organization) -> Organization:
    """Save an organization made elsewhere (the admin's form) the way ``organization_create``
    does, so that every way to make one gives it the defaults (L1)."""
    with transaction.atomic():
        organization.save()
        with translation.override(organization.language or settings.LANGUAGE_CODE):
            # §4: the defaults (statuses, types, stages) are named in the organization's language.
            events.organization_created.announce(organization=organization)
    return organization


def department_create(*, organization: Organization, name: str, head: User | None = None) -> Department:
    return Department.objects.create(organization=organization, name=name, head=head)


def user_create(
    *, organization: Organization, username: str, password: str | None = None, email: str = "",
    first_name: str = "", last_name: str = "", role: str = Role.MEMBER,
    department: Department | None = None, time_zone: str = "UTC",
) -> User:
    if role not in Role.values:
        raise FieldErrors.single("role", _("Unknown role."))
    user = User(
        organization=organization, username=username, email=email, first_name=first_name,
        last_name=last_name, role=role, department=department, time_zone=time_zone,
        is_staff=role == Role.ADMIN,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def hash_token(raw: str) -> str:
    """Tokens are 256 random bits, so a plain SHA-256 is enough to keep them unusable if leaked."""
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """B4: a personal access token; the raw value is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise FieldErrors.single("name", _("Give the token a name."))
    if long := too_long(name, max_length(ApiToken, "name")):
        raise FieldErrors({"name": long})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:10], token_hash=hash_token(raw))
    return token, raw


def api_token_user(raw: str) -> User | None:
    """The active user a raw token belongs to, or ``None``."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user__organization")
        .filter(token_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_set_time_zone(*, user: User, time_zone: str) -> User:
    """Times are shown in the user's own time zone; an unknown zone is refused by name."""
    time_zone = (time_zone or "").strip()
    if time_zone not in zoneinfo.available_timezones():
        raise FieldErrors.single("time_zone", _("Choose a time zone from the list."))
    user.time_zone = time_zone
    user.save(update_fields=["time_zone"])
    return user


def api_token_revoke(*, user: User, token_id: int) -> None:
    """B4: revoke one of the user's own tokens; another user's token id is a 404."""
    try:
        deleted, _rows = ApiToken.objects.filter(user=user, pk=int(token_id)).delete()
    except (TypeError, ValueError):
        deleted = 0
    if not deleted:
        raise NotFound(_("Token not found."))


def _language_codes() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def user_set_language(*, user: User, language: str) -> User:
    """§4: the language the person's pages (and, by the lead's notifications, e-mails) are in."""
    language = (language or "").strip()
    if language not in _language_codes():
        raise FieldErrors.single("language", _("Choose a language from the list."))
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


NAME_MAX = max_length(User, "first_name")
EMAIL_MAX = max_length(User, "email")


def user_update_details(*, user: User, first_name: str, last_name: str, email: str, language: str) -> User:
    """§1.14: a person edits their own name, e-mail and language on the profile page; every bad
    field is named at once and nothing is saved until all are good."""
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    email, language = (email or "").strip(), (language or "").strip()
    errors: dict[str, list[str]] = {}
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if long := too_long(value, NAME_MAX):
            errors[field] = long
    if not email:
        errors["email"] = [_("Enter your e-mail address: notifications and password resets go there.")]
    elif long := too_long(email, EMAIL_MAX):
        errors["email"] = long
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Enter a valid e-mail address.")]
    if language not in _language_codes():
        errors["language"] = [_("Choose a language from the list.")]
    if errors:
        raise FieldErrors(errors)
    user.first_name, user.last_name, user.email, user.language = first_name, last_name, email, language
    user.save(update_fields=["first_name", "last_name", "email", "language"])
    return user
