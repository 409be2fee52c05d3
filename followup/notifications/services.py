"""Tell people what happened (J2): in-application notifications and e-mail, in one call.

``notify`` runs inside the caller's transaction: the notification rows, the outbox e-mails
and the job that will deliver them commit (or roll back) with the change that caused them.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.notifications.models import EmailOptOut, Event, Notification, OutboxEmail


def absolute_url(path: str) -> str:
    return f"{settings.BASE_URL}{path}" if path.startswith("/") else path


def notify(
    *,
    event: str,
    recipients: Iterable[User],
    actor: User | None,
    title: str,
    url: str = "",
    target: models.Model | None = None,
    email_body: str = "",
) -> list[Notification]:
    """Notify each recipient (never the actor about their own action) in the application and,
    unless they opted out of this kind of event, by e-mail with a link to the object."""
    people = {u.pk: u for u in recipients if u is not None and u.is_active}
    if actor is not None:
        people.pop(actor.pk, None)
    if not people:
        return []
    content_type = ContentType.objects.get_for_model(target) if target is not None else None
    notifications = Notification.objects.bulk_create([
        Notification(
            organization_id=user.organization_id, recipient=user, actor=actor, event=event, title=title[:300],
            url=url[:500], content_type=content_type, object_id=target.pk if target is not None else None,
        )
        for user in people.values()
    ])
    opted_out = set(EmailOptOut.objects.filter(user_id__in=people, event=event).values_list("user_id", flat=True))
    link = absolute_url(url) if url else ""
    body = "\n\n".join(filter(None, [title, email_body, _("Open it: %(link)s") % {"link": link} if link else ""]))
    now = timezone.now()
    emails = [
        OutboxEmail(organization_id=user.organization_id, to=user.email, subject=title[:300], body=body,
                    next_attempt_at=now)
        for user in people.values()
        if user.email and user.pk not in opted_out
    ]
    if emails:
        OutboxEmail.objects.bulk_create(emails)
        _schedule_delivery()
    return notifications


def _schedule_delivery() -> None:
    """Ask a worker to deliver the outbox. With the database task backend the job row commits
    with the caller's transaction; the scheduler's sweep (``jobs.py``) is the safety net."""
    from followup.notifications.tasks import deliver_outbox_task

    transaction.on_commit(lambda: deliver_outbox_task.enqueue())


def notifications_mark_read(*, actor: User, ids: Iterable[int] | None = None) -> int:
    """Mark some (or, with ``ids=None``, all) of the actor's notifications read."""
    qs = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


def email_preferences_set(*, actor: User, wanted: Iterable[str]) -> None:
    """Keep e-mail for the events in ``wanted``; opt out of every other kind."""
    wanted = set(wanted) & set(Event.values)
    with transaction.atomic():
        EmailOptOut.objects.filter(user=actor).delete()
        EmailOptOut.objects.bulk_create([EmailOptOut(user=actor, event=e) for e in Event.values if e not in wanted])


RETRY_DELAYS = [timedelta(seconds=s) for s in (30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600)]


class Note:
    """One notification of :func:`notify_many`: who is told what, about which object."""

    __slots__ = ("recipient", "title", "url", "content_type_id", "object_id", "email_body")

    def __init__(self, *, recipient: User, title: str, url: str = "", content_type_id: int | None = None,
                 object_id: int | None = None, email_body: str = ""):
        self.recipient, self.title, self.url, self.email_body = recipient, title, url, email_body
        self.content_type_id, self.object_id = content_type_id, object_id


def notify_many(*, event: str, notes: list[Note], actor: User | None = None) -> list[Notification]:
    """Like :func:`notify` for many different notifications at once (the reminders firing a batch):
    three queries for the whole batch instead of three per notification. Runs in the caller's
    transaction, like ``notify``."""
    notes = [n for n in notes if n.recipient is not None and n.recipient.is_active
             and (actor is None or n.recipient.pk != actor.pk)]
    if not notes:
        return []
    notifications = Notification.objects.bulk_create([
        Notification(
            organization_id=n.recipient.organization_id, recipient=n.recipient, actor=actor, event=event,
            title=n.title[:300], url=n.url[:500],
            content_type_id=n.content_type_id, object_id=n.object_id,
        )
        for n in notes
    ])
    opted_out = set(EmailOptOut.objects.filter(user_id__in={n.recipient.pk for n in notes}, event=event)
                    .values_list("user_id", flat=True))
    now = timezone.now()
    emails = []
    for n in notes:
        if not n.recipient.email or n.recipient.pk in opted_out:
            continue
        link = absolute_url(n.url) if n.url else ""
        open_it = _("Open it: %(link)s") % {"link": link} if link else ""
        body = "\n\n".join(filter(None, [n.title, n.email_body, open_it]))
        emails.append(OutboxEmail(organization_id=n.recipient.organization_id, to=n.recipient.email,
                                  subject=n.title[:300], body=body, next_attempt_at=now))
    if emails:
        OutboxEmail.objects.bulk_create(emails, batch_size=500)
        _schedule_delivery()
    return notifications
