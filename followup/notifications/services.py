"""Tell people what happened (J2): in-application notifications and e-mail, in one call.

``notify`` runs inside the caller's transaction: the notification rows, the outbox e-mails
and the job that will deliver them commit (or roll back) with the change that caused them.
"""

from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from followup.accounts.models import Organization, User
from followup.notifications.models import EmailOptOut, Event, Notification, OutboxEmail, OutboxStatus
from followup.notifications.tasks import deliver_outbox_after_commit


def absolute_url(path: str) -> str:
    return f"{settings.BASE_URL}{path}" if path.startswith("/") else path


def fold_window() -> timedelta:
    """J2: how long a burst of one person's changes to one object folds into one notification,
    and how long its e-mail waits to carry the whole burst."""
    return timedelta(minutes=settings.NOTIFY_FOLD_MINUTES)


# What a notification says: a string, or a function that words it in the active language, so
# that each recipient reads it in their own (§4): ``lambda: _("%(who)s did it") % {...}``.
Text = str | Callable[[], str]


def spoken(text: Text, language: str) -> str:
    with translation.override(language):
        return text() if callable(text) else str(text)


def _languages(people: dict[int, User]) -> dict[int, str]:
    """Each person's language (``User.preferred_language``), with at most one query for the
    organization of those who chose none."""
    blank = {u.organization_id for u in people.values() if not u.language}
    org_language = dict(Organization.objects.filter(pk__in=blank).values_list("pk", "language")) if blank else {}
    return {pk: u.language or org_language.get(u.organization_id) or settings.LANGUAGE_CODE
            for pk, u in people.items()}


def notify(
    *,
    event: str,
    recipients: Iterable[User],
    actor: User | None,
    title: Text,
    url: str = "",
    target: models.Model | None = None,
    email_body: Text = "",
    fold_key: str = "",
) -> list[Notification]:
    """Notify each recipient (never the actor about their own action) in the application and,
    unless they opted out of this kind of event, by e-mail with a link to the object, in the
    recipient's language.

    With a ``fold_key`` (one person's changes to one object) a recipient's unread notification
    of the same key from the last ``fold_window()`` takes the new title and the new detail lines
    instead of a new notification being made, and the e-mail, which waits that window before it
    goes, carries them too."""
    people = {u.pk: u for u in recipients if u is not None and u.is_active}
    if actor is not None:
        people.pop(actor.pk, None)
    languages = _languages(people)
    if fold_key:
        for user_id in _fold_into_recent(people, languages, fold_key=fold_key, title=title, detail=email_body,
                                         url=url):
            people.pop(user_id)
    if not people:
        return []
    words = {lang: (spoken(title, lang), spoken(email_body, lang)) for lang in {languages[pk] for pk in people}}
    content_type = ContentType.objects.get_for_model(target) if target is not None else None
    notifications = Notification.objects.bulk_create([
        Notification(
            organization_id=user.organization_id, recipient=user, actor=actor, event=event,
            title=words[languages[user.pk]][0][:300], url=url[:500], content_type=content_type,
            object_id=target.pk if target is not None else None, detail=words[languages[user.pk]][1],
            fold_key=fold_key,
        )
        for user in people.values()
    ])
    opted_out = set(EmailOptOut.objects.filter(user_id__in=people, event=event).values_list("user_id", flat=True))
    send_at = timezone.now() + (fold_window() if fold_key else timedelta(0))
    emails = [
        OutboxEmail(organization_id=n.organization_id, to=n.recipient.email, subject=n.title, next_attempt_at=send_at,
                    body=_email_in(languages[n.recipient_id], title=n.title, detail=n.detail, url=url),
                    notification=n if fold_key else None)
        for n in notifications
        if n.recipient.email and n.recipient_id not in opted_out
    ]
    if emails:
        OutboxEmail.objects.bulk_create(emails)
        _schedule_delivery()
    return notifications


def _email_in(language: str, **words) -> str:
    with translation.override(language):
        return email_text(**words)


# An e-mail this close to its sending time is left alone: a worker may be about to claim it.
FOLD_MARGIN = timedelta(seconds=5)


def _fold_into_recent(people: dict[int, User], languages: dict[int, str], *, fold_key: str, title: Text,
                      detail: Text, url: str) -> set[int]:
    """Fold the new lines into each recipient's recent unread notification of ``fold_key`` and
    into its e-mail while that still waits; returns the recipients so served. A recipient whose
    e-mail has gone out already gets a new notification (and e-mail) instead."""
    if not people:
        return set()
    now = timezone.now()
    recent = (Notification.objects.select_for_update()
              .filter(recipient_id__in=people, fold_key=fold_key, read_at__isnull=True,
                      created_at__gte=now - fold_window()))
    served: set[int] = set()
    for notification in recent:
        language = languages[notification.recipient_id]
        new_title = spoken(title, language)[:300]
        lines = [line for line in (notification.detail, spoken(detail, language)) if line]
        merged = "\n".join(lines)
        waiting = OutboxEmail.objects.filter(notification=notification, status=OutboxStatus.PENDING,
                                             attempts=0, next_attempt_at__gt=now + FOLD_MARGIN)
        updated = waiting.update(subject=new_title, body=_email_in(language, title=new_title, detail=merged, url=url))
        if not updated and OutboxEmail.objects.filter(notification=notification).exists():
            continue
        Notification.objects.filter(pk=notification.pk).update(title=new_title, detail=merged)
        served.add(notification.recipient_id)
    return served


PARAGRAPH = "\n\n"
LINK = "%(link)s"


def _footer() -> str:
    """The last line of every notification e-mail: where to choose which e-mails one gets."""
    return "-- \n" + _("Choose which e-mails you get: %(link)s") % {
        "link": absolute_url(reverse("notifications:settings"))}


def email_text(*, title: str, detail: str = "", url: str = "") -> str:
    """The text of a notification e-mail: the title, the detail if any, a link to the object and
    the footer. :func:`notify_rows` writes the same text in SQL (``_email_text_sql``); a test
    holds them equal."""
    link = absolute_url(url) if url else ""
    return PARAGRAPH.join(filter(None, [title, detail, _("Open it: %(link)s") % {"link": link} if link else "",
                                        _footer()]))


def _email_text_sql() -> tuple[str, list[str]]:
    """:func:`email_text` as an SQL expression over the columns ``s.title``, ``s.detail`` and
    ``s.url`` (portable: ``||``, ``CASE`` and ``SUBSTR`` mean the same on PostgreSQL and SQLite)."""
    open_before, _sep, open_after = _("Open it: %(link)s").partition(LINK)
    sql = ("s.title"
           " || CASE WHEN s.detail <> '' THEN %s || s.detail ELSE '' END"
           " || CASE WHEN s.url <> '' THEN %s || %s"
           " || CASE WHEN SUBSTR(s.url, 1, 1) = '/' THEN %s || s.url ELSE s.url END || %s ELSE '' END"
           " || %s")
    return sql, [PARAGRAPH, PARAGRAPH, open_before, settings.BASE_URL, open_after, PARAGRAPH + _footer()]


def notify_rows(*, event: str, rows: models.QuerySet) -> int:
    """Notify many people at once, each about their own object, without building a model object
    per notification: two ``INSERT ... SELECT`` statements write the in-app notifications and the
    outbox e-mails (honouring opt-outs and inactive users, like :func:`notify`) straight from
    ``rows``, a ``values()`` queryset with the keys ``organization_id``, ``recipient_id``,
    ``title``, ``url``, ``content_type_id``, ``object_id`` and ``detail`` (the e-mail's extra text).
    This is what lets the scheduler fire thousands of due reminders a second. Runs in the caller's
    transaction; returns how many notifications were written."""
    source, source_params = rows.query.sql_with_params()
    qn = connection.ops.quote_name
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    people = f"FROM ({source}) s JOIN {qn(User._meta.db_table)} u ON u.id = s.recipient_id"
    body, body_params = _email_text_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {qn(Notification._meta.db_table)} (organization_id, recipient_id, event, title, url,"
            " content_type_id, object_id, created_at, detail, fold_key)"
            " SELECT s.organization_id, s.recipient_id, %s, SUBSTR(s.title, 1, 300), SUBSTR(s.url, 1, 500),"
            f" s.content_type_id, s.object_id, %s, s.detail, '' {people} WHERE u.is_active",
            [event, now, *source_params],
        )
        written = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {qn(OutboxEmail._meta.db_table)} (organization_id, {qn('to')}, subject, body, status,"
            " attempts, next_attempt_at, last_error, created_at)"
            f" SELECT s.organization_id, u.email, SUBSTR(s.title, 1, 300), {body}, %s, 0, %s, '', %s {people}"
            f" LEFT JOIN {qn(EmailOptOut._meta.db_table)} o ON o.user_id = u.id AND o.event = %s"
            " WHERE u.is_active AND u.email <> '' AND o.id IS NULL",
            [*body_params, OutboxStatus.PENDING, now, now, *source_params, event],
        )
        if cursor.rowcount:
            _schedule_delivery()
    return written


def _schedule_delivery() -> None:
    """Ask a worker to deliver the outbox once the caller's transaction commits; a failure to ask
    never fails the committed change (the scheduler's sweep, ``jobs.py``, is the safety net)."""
    deliver_outbox_after_commit()


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
