"""Who may see and change a memo (J3, J14–J16). Every fetcher starts from the actor's organization."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import NotAllowed
from followup.core.fetch import visible_or_not_found
from followup.memos.models import Memo, MemoStatus

MemoSubscription = Memo.subscribers.through


def memos_visible_to(actor: User) -> QuerySet[Memo]:
    """J3, J4, J15: the author sees their memos, drafts included; once sent, the recipient, the
    subscribers, the company managers and the task operators see it too. A draft is its author's
    alone."""
    qs = Memo.objects.filter(organization_id=actor.organization_id)
    mine = Q(author_id=actor.pk)
    if actor.sees_every_task:
        return qs.filter(mine | ~Q(status=MemoStatus.DRAFT))
    subscribed = Exists(MemoSubscription.objects.filter(memo_id=OuterRef("pk"), user_id=actor.pk))
    return qs.filter(mine | (~Q(status=MemoStatus.DRAFT) & (Q(recipient_id=actor.pk) | Q(subscribed))))


def memo_get(*, actor: User, memo_id: int, queryset: QuerySet[Memo] | None = None) -> Memo:
    """The memo if the actor may see it; ``NotFound`` otherwise, whatever the reason."""
    qs = queryset if queryset is not None else memos_visible_to(actor)
    return visible_or_not_found(qs, memo_id, _("Memo not found."))


def can_edit(actor: User, memo: Memo) -> bool:
    """J16: the author edits until the memo is reviewed. J4: a task operator (and a company
    manager) corrects other people's memos once they are sent, reviewed ones included."""
    return _refusal(actor, memo) is None


def _refusal(actor: User, memo: Memo) -> str | None:
    """Why the actor may not change the memo, or ``None`` when they may."""
    if actor.edits_all_tasks and memo.status != MemoStatus.DRAFT:
        return None
    if memo.author_id != actor.pk:
        return _("Only the memo's author, a task operator or a company manager may change it.")
    if memo.status == MemoStatus.REVIEWED:
        return _("This memo was reviewed; it can no longer be changed.")
    return None


def ensure_can_edit(actor: User, memo: Memo) -> None:
    refusal = _refusal(actor, memo)
    if refusal is not None:
        raise NotAllowed(refusal)


def ensure_is_recipient(actor: User, memo: Memo) -> None:
    if memo.recipient_id != actor.pk:
        raise NotAllowed(_("Only the memo's recipient may do this."))
    if memo.status == MemoStatus.DRAFT:
        raise NotAllowed(_("This memo has not been sent yet."))
