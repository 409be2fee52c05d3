"""Writes of memos (J14–J18): create, edit, send, postpone, review, and tasks or projects made from one."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.accounts.models import Department, Role, User
from followup.accounts.selectors import org_users
from followup.core.concurrency import ensure_current
from followup.core.exceptions import FieldErrors
from followup.core.limits import max_length, too_long
from followup.deals.access import deal_get
from followup.memos.access import ensure_can_edit, ensure_is_recipient, memo_get, memos_visible_to
from followup.memos.models import Memo, MemoStatus
from followup.notifications.models import Event
from followup.notifications.services import notify
from followup.projects.models import Project
from followup.tasks.models import Source, Task
from followup.tasks.services import task_create
from followup.tasks.validation import TaskLinks

TITLE_MAX = max_length(Memo, "title")
BODY_MAX = max_length(Memo, "body")
STALE = gettext_lazy("This memo was changed by someone else (now version %(v)s). Reload and try again.")


def memo_recipients(actor: User):
    """J14: the people a memo can go to: department heads and company managers of the organization."""
    heads = Department.objects.filter(organization_id=actor.organization_id).values("head_id")
    return (User.objects.filter(organization_id=actor.organization_id, is_active=True)
            .filter(Q(role=Role.MANAGER) | Q(pk__in=heads)).order_by("first_name", "last_name", "username"))


def _clean(actor: User, *, title, recipient_id, subscriber_ids, errors: dict) -> tuple[str, User | None, list[User]]:
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Give the memo a title.")]
    elif long := too_long(title, TITLE_MAX):
        errors["title"] = long
    recipient = None
    if recipient_id in (None, ""):
        errors["recipient_id"] = [_("Choose who the memo is for.")]
    else:
        try:
            recipient = memo_recipients(actor).get(pk=int(recipient_id))
        except (User.DoesNotExist, TypeError, ValueError, OverflowError):
            errors["recipient_id"] = [_("A memo goes to a department head or a company manager of your organization.")]
    subscribers: list[User] = []
    try:
        subscribers = org_users(actor, subscriber_ids, "subscriber_ids")
    except FieldErrors as exc:
        errors.update(exc.errors)
    return title, recipient, subscribers


def _notify_sent(memo: Memo, actor: User) -> None:
    """J14: the recipient and the subscribers learn of the memo and may now open it."""
    notify(event=Event.MEMO_SENT, recipients=[memo.recipient, *memo.subscribers.all()], actor=actor,
           title=lambda: _("%(who)s sent you a memo: %(title)s") % {"who": actor.display_name, "title": memo.title},
           url=reverse("memos:detail", args=[memo.pk]), target=memo, email_body=memo.body[:2000])


def memo_create(*, actor: User, title: str | None, body: str = "", recipient_id: int | None,
                subscriber_ids: list[int] | None = None, deal_id: int | None = None, send: bool = False) -> Memo:
    """J14, J15, J18: a memo starts as a draft that only its author sees, unless sent at once.
    ``deal_id`` ties it to a deal of the organization (J18)."""
    errors: dict[str, list[str]] = {}
    title, recipient, subscribers = _clean(actor, title=title, recipient_id=recipient_id,
                                           subscriber_ids=subscriber_ids, errors=errors)
    if long := too_long(body, BODY_MAX):
        errors["body"] = long
    deal = None
    if deal_id not in (None, ""):
        try:
            deal = deal_get(actor=actor, deal_id=deal_id)
        except Exception:  # noqa: BLE001 - NotFound: named as a field error on the form
            errors["deal_id"] = [_("Choose a deal of your organization.")]
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        memo = Memo.objects.create(organization_id=actor.organization_id, author=actor, recipient=recipient,
                                   title=title, body=body or "", deal=deal)
        memo.subscribers.set(subscribers)
        if send:
            memo.status, memo.sent_at = MemoStatus.SENT, timezone.now()
            memo.save(update_fields=["status", "sent_at", "updated_at"])
            _notify_sent(memo, actor)
    return memo


def _locked(actor: User, memo_id: int, version: int | None = None) -> Memo:
    """The memo, locked for this transaction; ``StaleEdit`` if it moved past ``version``."""
    memo = memo_get(actor=actor, memo_id=memo_id, queryset=memos_visible_to(actor).select_for_update())
    ensure_current(memo, version, STALE)
    return memo


def _save(memo: Memo, *fields: str) -> None:
    """Every write bumps the version, so a form still open on the old one is refused (409)."""
    memo.version += 1
    memo.save(update_fields=[*fields, "version", "updated_at"] if fields else None)


def memo_update(*, actor: User, memo_id: int, version: int | None = None, title: str | None = None,
                body: str | None = None, recipient_id: int | None = None,
                subscriber_ids: list[int] | None = None) -> Memo:
    """J16: the author edits a memo until it is reviewed; J4: task operators and company managers
    correct sent memos of others (``access.ensure_can_edit``). Fields left ``None`` keep their value;
    an edit of an older ``version`` than the memo's is refused (``StaleEdit``)."""
    with transaction.atomic():
        memo = _locked(actor, memo_id, version)
        ensure_can_edit(actor, memo)
        errors: dict[str, list[str]] = {}
        new_title, recipient, subscribers = _clean(
            actor, title=memo.title if title is None else title,
            recipient_id=memo.recipient_id if recipient_id is None else recipient_id,
            subscriber_ids=list(memo.subscribers.values_list("pk", flat=True)) if subscriber_ids is None
            else subscriber_ids, errors=errors)
        if body is not None and (long := too_long(body, BODY_MAX)):
            errors["body"] = long
        if errors:
            raise FieldErrors(errors)
        memo.title, memo.recipient = new_title, recipient
        if body is not None:
            memo.body = body
        _save(memo)
        if subscriber_ids is not None:
            added = [u for u in subscribers if not memo.subscribers.filter(pk=u.pk).exists()]
            memo.subscribers.set(subscribers)
            if memo.status != MemoStatus.DRAFT and added:
                notify(event=Event.MEMO_SENT, recipients=added, actor=actor,
                       title=lambda: _("%(who)s shared a memo with you: %(title)s")
                       % {"who": actor.display_name, "title": memo.title},
                       url=reverse("memos:detail", args=[memo.pk]), target=memo)
    return memo


def memo_send(*, actor: User, memo_id: int) -> Memo:
    """J14: send a draft; the recipient and subscribers are notified and get access."""
    with transaction.atomic():
        memo = _locked(actor, memo_id)
        ensure_can_edit(actor, memo)
        if memo.status != MemoStatus.DRAFT:
            raise FieldErrors.single("status", _("This memo was already sent."))
        if memo.recipient is None:
            raise FieldErrors.single("recipient_id", _("Choose who the memo is for."))
        memo.status, memo.sent_at = MemoStatus.SENT, timezone.now()
        _save(memo, "status", "sent_at")
        _notify_sent(memo, actor)
    return memo


def memo_postpone(*, actor: User, memo_id: int) -> Memo:
    """The recipient puts a sent memo aside for later."""
    with transaction.atomic():
        memo = _locked(actor, memo_id)
        ensure_is_recipient(actor, memo)
        if memo.status == MemoStatus.REVIEWED:
            raise FieldErrors.single("status", _("This memo was already reviewed."))
        memo.status = MemoStatus.POSTPONED
        _save(memo, "status")
    return memo


def memo_review(*, actor: User, memo_id: int) -> Memo:
    """J16: the recipient marks the memo reviewed; the author is notified and can no longer edit it."""
    with transaction.atomic():
        memo = _locked(actor, memo_id)
        ensure_is_recipient(actor, memo)
        if memo.status == MemoStatus.REVIEWED:
            raise FieldErrors.single("status", _("This memo was already reviewed."))
        memo.status, memo.reviewed_at = MemoStatus.REVIEWED, timezone.now()
        _save(memo, "status", "reviewed_at")
        notify(event=Event.MEMO_REVIEWED, recipients=[memo.author], actor=actor,
               title=lambda: _("%(who)s reviewed your memo: %(title)s")
               % {"who": actor.display_name, "title": memo.title},
               url=reverse("memos:detail", args=[memo.pk]), target=memo)
    return memo


def _followers(memo: Memo) -> list[int]:
    """J17: the memo's author and subscribers follow what is made from it."""
    ids = [memo.author_id] if memo.author_id else []
    return ids + [pk for pk in memo.subscribers.values_list("pk", flat=True) if pk not in ids]


def memo_task_create(*, actor: User, memo_id: int, title: str | None, description: str = "",
                     assignee_ids: list[int] | None = None, due_date: dt.date | None = None,
                     priority: int | None = None) -> Task:
    """J17: a task made from a memo; the memo's author and subscribers subscribe to it. The
    deal's customer (J18) becomes the task's customer; without a deal no customer is needed."""
    memo = memo_get(actor=actor, memo_id=memo_id)
    customer_id = memo.deal.customer_id if memo.deal_id else None
    extra = {} if priority is None else {"priority": priority}
    return task_create(
        actor=actor, title=title, customer_id=customer_id, assignee_ids=assignee_ids or [], due_date=due_date,
        description=description or "", source=Source.MEMO, require_customer=customer_id is not None,
        links=TaskLinks(memo_id=memo.pk, deal_id=memo.deal_id, subscriber_ids=_followers(memo)), **extra,
    )


def memo_project_create(*, actor: User, memo_id: int, name: str | None, description: str = "",
                        member_ids: list[int] | None = None) -> Project:
    """J17: a project made from a memo; the memo's author and subscribers subscribe to it."""
    from followup.projects.services import project_create

    memo = memo_get(actor=actor, memo_id=memo_id)
    return project_create(actor=actor, name=name, description=description, member_ids=member_ids,
                          subscriber_ids=_followers(memo), memo_id=memo.pk)
