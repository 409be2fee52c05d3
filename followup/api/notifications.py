"""API endpoints of notifications (issue: collaboration)."""

from ninja import Router

router = Router(tags=["Notifications"])
