"""Every write of sharing (L7) and of the calendar feeds (B1).

A person's grants to one colleague are replaced as a whole (an all-types level and per-type
exceptions), so that a form, the API and a retried request all say "this is how I share
with them" and repeat safely. The grantee's ``receives_shares`` flag follows in the same
transaction: the task visibility rule only looks for grants when it is set.
"""

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts import events
from followup.accounts.models import User
from followup.core.exceptions import FieldErrors, NotFound
from followup.sharing.models import CalendarFeed, Grant, Level
from followup.sharing.selectors import Share, hash_feed_token
from followup.tasks.models import TaskType


def _colleague(actor: User, grantee_id) -> User:
    """An active person of the actor's organization other than the actor, or a field error."""
    try:
        grantee = User.objects.get(pk=int(grantee_id), organization_id=actor.organization_id, is_active=True)
    except (User.DoesNotExist, TypeError, ValueError, OverflowError):
        raise FieldErrors.single("grantee", _("Choose an active person of your organization.")) from None
    if grantee.pk == actor.pk:
        raise FieldErrors.single("grantee", _("You cannot share with yourself."))
    return grantee


def _level(raw, field: str) -> int:
    try:
        level = int(raw)
    except (TypeError, ValueError):
        level = -1
    if level not in Level.values:
        raise FieldErrors.single(field, _("Choose one of: none, free/busy, read-only, full access."))
    return level


def _per_type(actor: User, raw: dict | None) -> dict[int, int]:
    """``{type id: level}`` of the organization's task types, or a field error."""
    try:
        wanted = {int(type_id): _level(level, "per_type") for type_id, level in (raw or {}).items()}
    except (TypeError, ValueError, OverflowError):
        raise FieldErrors.single("per_type", _("Choose task types of your organization.")) from None
    known = set(TaskType.objects.filter(organization_id=actor.organization_id, pk__in=wanted)
                .values_list("pk", flat=True))
    if known != set(wanted):
        raise FieldErrors.single("per_type", _("Choose task types of your organization."))
    return wanted


def share_set(*, actor: User, grantee_id, level, per_type: dict | None = None) -> Share:
    """L7: how the actor shares their tasks and calendar with one colleague: ``level`` for every
    task type, ``per_type`` the exceptions ({type id: level}). Replaces what was there."""
    grantee = _colleague(actor, grantee_id)
    default = _level(level, "level")
    exceptions = {t: lv for t, lv in _per_type(actor, per_type).items() if lv != default}
    rows = [Grant(organization_id=actor.organization_id, grantor=actor, grantee=grantee, task_type_id=t, level=lv)
            for t, lv in [(None, default), *exceptions.items()] if t is not None or lv != Level.NONE]
    with transaction.atomic():
        Grant.objects.filter(grantor=actor, grantee=grantee).delete()
        if any(row.level != Level.NONE for row in rows):
            Grant.objects.bulk_create(rows)
        else:
            rows = []
        _refresh_flag(grantee)
        # A2: the grantee now sees another set of tasks: their phone's copy is rebuilt from 0.
        events.visibility_changed.announce(user_ids=[grantee.pk])
    return Share(person=grantee, level=default if rows else Level.NONE, per_type=exceptions if rows else {})


def share_remove(*, actor: User, grantee_id) -> None:
    """L7: stop sharing anything with this colleague."""
    share_set(actor=actor, grantee_id=grantee_id, level=Level.NONE)


def _refresh_flag(grantee: User) -> None:
    shared = Grant.objects.filter(grantee=grantee, level__gt=Level.NONE).exists()
    User.objects.filter(pk=grantee.pk).update(receives_shares=shared)
    grantee.receives_shares = shared


def feed_regenerate(*, user: User, include_details: bool | None = None) -> tuple[CalendarFeed, str]:
    """B1: a new secret for the person's feed URLs (the old URL stops working at once); the raw
    token is returned once and never stored. Creates the feed on first use."""
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        feed, _created = CalendarFeed.objects.select_for_update().get_or_create(
            user=user, defaults={"token_hash": hash_feed_token(raw)})
        feed.token_hash = hash_feed_token(raw)
        if include_details is not None:
            feed.include_details = bool(include_details)
        feed.save()
    return feed, raw


def feed_set_details(*, user: User, include_details: bool) -> CalendarFeed:
    """B1: whether customer names and descriptions go out in the feed."""
    updated = CalendarFeed.objects.filter(user=user).update(include_details=bool(include_details))
    if not updated:
        raise NotFound(_("You have no calendar feed yet."))
    return CalendarFeed.objects.get(user=user)


def feed_revoke(*, user: User) -> None:
    """B1: the feed URLs answer 404 from now on."""
    CalendarFeed.objects.filter(user=user).delete()
