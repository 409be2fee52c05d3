"""Keep the change log (A2) to what phones still need: rows older than ``services.KEPT`` go
every hour; a phone whose cursor is older syncs again from 0."""

from datetime import timedelta

from followup.core.scheduler import periodic
from followup.sync.services import changes_prune


@periodic("sync_changes_prune", every=timedelta(hours=1))
def sync_changes_prune() -> str:
    return f"pruned {changes_prune()} change-log row(s)"
