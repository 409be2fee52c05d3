"""API endpoints of memos (issue: collaboration)."""

from ninja import Router

router = Router(tags=["Memos"])
