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
