"""API endpoints of reminders (issue: collaboration)."""

from ninja import Router

router = Router(tags=["Reminders"])
