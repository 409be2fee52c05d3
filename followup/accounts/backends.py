"""Authentication backend that loads the user's organization in the same query: every page
needs it, and a second query per request would be paid on every request."""

from django.contrib.auth.backends import ModelBackend

from followup.accounts.models import User


class FollowupBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = User.objects.select_related("organization").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
