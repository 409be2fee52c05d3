"""L2: a suggestion is its user's alone: another person's, or another organization's, is a 404."""

from django.utils.translation import gettext_lazy as _

from followup.accounts.models import User
from followup.core.fetch import visible_or_not_found
from followup.suggestions.models import Suggestion

NOT_FOUND = _("Suggestion not found.")


def suggestions_of(actor: User):
    return suggestions_of_user(actor.organization_id, actor.pk)


def suggestions_of_user(organization_id: int, user_id: int):
    return Suggestion.objects.filter(user_id=user_id, organization_id=organization_id)


def suggestion_get_for_update(*, actor: User, suggestion_id) -> Suggestion:
    """The actor's suggestion, locked until the transaction ends (two accepts at once make one task)."""
    return visible_or_not_found(suggestions_of(actor).select_for_update(), suggestion_id, NOT_FOUND)
