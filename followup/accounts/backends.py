"""Authentication backend that loads the user's organization in the same query: every page
needs it, and a second query per request would be paid on every request. The read is compiled
once (issue 16 §1): every request makes it, and building it cost more than running it."""

from django.contrib.auth.backends import ModelBackend

from followup.accounts.models import User
from followup.core.compiled import CompiledModels

_WITH_ORGANIZATION = CompiledModels(
    lambda user_id: User.objects.select_related("organization").filter(pk=user_id)[:1], "user_id")


class FollowupBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):  # a session naming no number names no user
            return None
        found = _WITH_ORGANIZATION.models(user_id=user_id) if 0 < user_id < 2**63 else []
        return found[0] if found and self.user_can_authenticate(found[0]) else None
