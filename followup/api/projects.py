"""API endpoints of projects (issue: collaboration)."""

from ninja import Router

router = Router(tags=["Projects"])
