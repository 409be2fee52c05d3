"""Writes of reminders (J6): create, deactivate, and fire the due ones.

Firing is exactly-once across any number of scheduler or worker processes: a batch of due
reminders is claimed with ``SELECT ... FOR UPDATE SKIP LOCKED`` (on SQLite the immediate
transaction serialises writers), and in the same transaction each is marked fired and its
notification and outbox e-mail are written. A process killed mid-batch rolls its whole batch
back, so another process (or the restarted one) fires it: nothing lost, nothing twice.
"""

import datetime as dt
import logging
import time

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors, NotFound
from followup.core.limits import max_length, too_long
from followup.notifications.models import Event
from followup.notifications.services import notify_rows
from followup.reminders import hooks
from followup.reminders.models import Reminder
from followup.reminders.targets import kind_get, kind_of

logger = logging.getLogger("followup.reminders")
NOTE_MAX = max_length(Reminder, "note")
FIRE_BATCH = 500


def reminder_create(*, actor: User, target_type: str, target_id: int, remind_at: dt.datetime | None,
                    note: str = "") -> Reminder:
    """J6: remind ``actor`` of a task, memo, project, deal or customer they can see, at ``remind_at``
    (an aware datetime; stored in UTC). A time in the past fires at once."""
    kind = kind_get(target_type)
    errors = _time_errors(remind_at)
    note = (note or "").strip()
    if long := too_long(note, NOTE_MAX):
        errors["note"] = long
    if errors:
        raise FieldErrors(errors)
    try:
        target = kind.get(actor=actor, object_id=target_id)
    except NotFound as exc:
        raise NotFound(_("There is no such %(kind)s you can see.") % {"kind": target_type}) from exc
    with transaction.atomic():
        reminder = Reminder.objects.create(
            organization_id=actor.organization_id, owner=actor,
            content_type=ContentType.objects.get_for_model(kind.model_class), object_id=target.pk,
            target_label=str(target)[:300], target_url=kind.url(target.pk),
            remind_at=remind_at.astimezone(dt.UTC), note=note,
        )
        _announce(reminder)
    return reminder


def _announce(reminder: Reminder) -> None:
    hooks.reminders_changed.announce(organization_id=reminder.organization_id, reminder_ids=[reminder.pk])


def _time_errors(remind_at: dt.datetime | None) -> dict[str, list[str]]:
    if remind_at is None:
        return {"remind_at": [_("This field is required.")]}
    if timezone.is_naive(remind_at):
        return {"remind_at": [_("Enter a date and time with a time zone.")]}
    return {}


def _own_locked(actor: User, reminder_id: int) -> Reminder:
    """One of the actor's reminders, locked for this transaction; anyone else's is a 404."""
    reminder = (Reminder.objects.select_for_update()
                .filter(pk=reminder_id, owner=actor, organization_id=actor.organization_id).first())
    if reminder is None:
        raise NotFound(_("There is no such reminder of yours."))
    return reminder


def reminder_deactivate(*, actor: User, reminder_id: int) -> Reminder:
    """J6: switch a reminder off; only its owner may (anyone else gets 404)."""
    with transaction.atomic():
        reminder = _own_locked(actor, reminder_id)
        if reminder.is_active:
            reminder.is_active = False
            reminder.save(update_fields=["is_active"])
            _announce(reminder)
    return reminder


def reminder_reschedule(*, actor: User, reminder_id: int, remind_at: dt.datetime | None) -> Reminder:
    """Move one of my reminders to another time ("snooze"): a fired or deactivated one is armed
    again and fires once more, at the new time. The object must still be one the actor may see
    (they may have left the task since), or the reminder would point at a page they cannot open."""
    errors = _time_errors(remind_at)
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        reminder = _own_locked(actor, reminder_id)
        kind = kind_of(ContentType.objects.get_for_id(reminder.content_type_id).model_class())
        if kind is not None:
            kind.get(actor=actor, object_id=reminder.object_id)
        reminder.remind_at, reminder.is_active, reminder.fired_at = remind_at.astimezone(dt.UTC), True, None
        reminder.save(update_fields=["remind_at", "is_active", "fired_at"])
        _announce(reminder)
    return reminder


def _fired_rows(ids: list[int]):
    """What :func:`notify_rows` needs of each fired reminder: its owner is told "Reminder: <what
    it is about>" with a link to it, and the e-mail carries the reminder's note."""
    before, _sep, after = _("Reminder: %(about)s").partition("%(about)s")
    about = Coalesce(NullIf(F("target_label"), Value("")), Value("—"))
    return (Reminder.objects.filter(pk__in=ids)
            .values("organization_id", "content_type_id", "object_id", recipient_id=F("owner_id"),
                    title=Concat(Value(before), about, Value(after), output_field=CharField()),
                    url=F("target_url"), detail=F("note")))


def reminders_fire_batch(*, now: dt.datetime | None = None, batch: int = FIRE_BATCH) -> int:
    """Claim up to ``batch`` due reminders, mark them fired and notify their owners (in-app and
    e-mail through the outbox), all in one transaction of five statements (one logs them for the
    offline sync, A2). Returns how many fired."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(is_active=True, fired_at__isnull=True, remind_at__lte=now)
            .order_by("remind_at")  # the partial index gives this order: no sort of all due rows
            .values_list("id", "organization_id")[:batch]
        )
        if not claimed:
            return 0
        ids = [pk for pk, _organization in claimed]
        Reminder.objects.filter(pk__in=ids).update(fired_at=timezone.now())
        for organization_id, group in _by_organization(claimed).items():
            hooks.reminders_changed.announce(organization_id=organization_id, reminder_ids=group)
        notify_rows(event=Event.REMINDER_DUE, rows=_fired_rows(ids))
    return len(ids)


def _by_organization(claimed: list[tuple[int, int]]) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for pk, organization_id in claimed:
        groups.setdefault(organization_id, []).append(pk)
    return groups


def reminders_fire_due(*, now: dt.datetime | None = None, batch: int = FIRE_BATCH) -> int:
    """Fire every reminder due at ``now``, a batch (one short transaction) at a time."""
    total = 0
    while n := reminders_fire_batch(now=now, batch=batch):
        total += n
        logger.info("fired %d reminder(s)", n)
    return total


def next_due_at() -> dt.datetime | None:
    return (Reminder.objects.filter(is_active=True, fired_at__isnull=True)
            .order_by("remind_at").values_list("remind_at", flat=True).first())


def reminders_follow(*, window: dt.timedelta, poll: float = 0.5) -> int:
    """Fire what is due, then, while a reminder falls due before ``window`` is over, wait for it
    and fire it: so a job run every ``window`` still delivers within a fraction of a second of
    the due time. Returns at once when nothing is due within the window."""
    deadline = time.monotonic() + window.total_seconds() - poll
    total = reminders_fire_due()
    while True:
        upcoming = next_due_at()
        if upcoming is None:
            return total
        wait = (upcoming - timezone.now()).total_seconds()
        if time.monotonic() + max(wait, 0) > deadline:
            return total
        time.sleep(min(max(wait, 0.02), poll))
        total += reminders_fire_due()
