"""API endpoints of chat (issue: collaboration)."""

from ninja import Router

router = Router(tags=["Chat"])
