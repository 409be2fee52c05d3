"""Offline sync (A2): a phone app keeps a copy of what its user may see, page by page."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from followup.api import sync_schemas as s
from followup.api.auth import everyone
from followup.api.common import BODY_ERRORS
from followup.sync.cursor import START
from followup.sync.selectors import ResyncRequired, sync_page

router = Router(auth=everyone(), tags=["Sync"])


@router.get("/sync", response={200: s.SyncPageOut, 410: s.ResyncOut, **BODY_ERRORS})
def sync(request, query: Query[s.SyncQuery]):
    """A2: the tasks, customers and reminders you may see that changed since ``cursor`` (``0``:
    all of them), with the ids of those deleted or gone from your view. Repeat with the new
    cursor while ``has_more``. 410: your view changed wholesale (a new role): start again from 0."""
    try:
        page = sync_page(user=request.auth, cursor=query.cursor, size=query.size)
    except ResyncRequired:
        return Status(410, {"detail": _("What you may see has changed: sync again from cursor 0."), "cursor": START})
    return {"cursor": page.cursor, "has_more": page.has_more, "reset": page.reset,
            "changed": page.changed, "deleted": page.deleted}
