"""L8: the people part of Settings, where one step touches several apps: inviting someone (an
account and an e-mail) and letting a leaver go (the account and their open tasks together).

Both run in one transaction: the invitation e-mail is an outbox row (delivered by a worker, so
a failing mail server neither loses it nor fails the page), and a deactivation whose hand-over
fails leaves the person active with every task as it was.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from followup.accounts.access import ensure_admin, person_get
from followup.accounts.invitations import invitation_path, is_invited, user_invite
from followup.accounts.models import Department, Role, User
from followup.accounts.people import user_deactivate
from followup.core.exceptions import FieldErrors, NotFound
from followup.notifications.services import absolute_url, email_queue
from followup.tasks.handover import tasks_hand_over

INVITATION_DAYS = settings.PASSWORD_RESET_TIMEOUT // 86_400


def _send_invitation(actor: User, user: User) -> None:
    words = {"actor": actor.display_name, "organization": actor.organization.name}
    email_queue(
        organization_id=actor.organization_id, to=user.email,
        subject=_("%(actor)s invited you to %(organization)s on Followup") % words,
        body=render_to_string("setup/invitation_email.txt", {
            **words, "name": user.first_name, "username": user.username, "days": INVITATION_DAYS,
            "link": absolute_url(invitation_path(user)),
        }),
    )


def person_invite(*, actor: User, email: str, first_name: str = "", last_name: str = "",
                  role: str = Role.MEMBER, department_id: int | None = None) -> User:
    """A new person of the organization, e-mailed a link to choose their password."""
    with transaction.atomic():
        user = user_invite(actor=actor, email=email, first_name=first_name, last_name=last_name, role=role,
                           department_id=department_id)
        _send_invitation(actor, user)
    return user


def invitation_resend(*, actor: User, user_id: int) -> User:
    """A fresh link for someone who has not arrived yet (the old one keeps working until it expires)."""
    ensure_admin(actor)
    with transaction.atomic():
        user = person_get(actor=actor, user_id=user_id)
        if not is_invited(user):
            raise FieldErrors.single("user", _("%(name)s has signed in already.") % {"name": user.display_name})
        _send_invitation(actor, user)
    return user


@dataclass(frozen=True)
class Departure:
    """What a deactivation did, for the page to say."""

    user: User
    successor: User | None
    tasks: int
    headed: list[Department]


def _successor(actor: User, user_id, successor_id) -> User | None:
    if successor_id in (None, ""):
        return None
    try:
        successor = person_get(actor=actor, user_id=successor_id)
    except NotFound:
        successor = None
    if successor is None or not successor.is_active or str(successor.pk) == str(user_id):
        raise FieldErrors.single("successor_id", _("Choose another active person of your organization, or nobody."))
    return successor


def person_deactivate(*, actor: User, user_id: int, successor_id: int | None = None) -> Departure:
    """Deactivate a leaver and hand their open tasks to ``successor_id`` (or to Unassigned)."""
    ensure_admin(actor)
    with transaction.atomic():
        successor = _successor(actor, user_id, successor_id)
        user, headed = user_deactivate(actor=actor, user_id=user_id)
        moved = tasks_hand_over(actor=actor, leaver=user, successor=successor) \
            if actor.organization.tasks_enabled else 0
    return Departure(user=user, successor=successor, tasks=moved, headed=headed)
