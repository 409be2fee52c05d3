"""Reads for the account pages."""

from followup.accounts.models import ApiToken, User


def api_tokens_of(*, user: User) -> list[ApiToken]:
    """The profile page's token list (never the secret: only its prefix is stored in clear)."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-id"))
