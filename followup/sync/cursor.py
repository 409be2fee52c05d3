"""A2: the sync cursor, opaque to a phone app: ``0`` to start, then whatever the last page gave.

A position in the change log is (``xid``, ``change_id``): every change at or before it has been
applied. During a full copy the cursor also names the kind being copied and the last id sent;
the position is the log's horizon when the copy began, so what changes meanwhile follows after.
Each cursor carries the person's epoch (``models.Epoch``).
"""

import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from followup.core.exceptions import FieldErrors
from followup.sync.payloads import ORDER

START = "0"
PATTERN = re.compile(r"^(?:c(\d{1,10})\.(\d{1,18})\.(\d{1,18})\.(\d)\.(\d{1,18})|i(\d{1,10})\.(\d{1,18})\.(\d{1,18}))$")


@dataclass(frozen=True)
class Cursor:
    epoch: int
    xid: int
    change_id: int
    copying: str | None = None  # the kind a full copy is at; None once it is done
    last_id: int = 0

    def encode(self) -> str:
        if self.copying is not None:
            return f"c{self.epoch}.{self.xid}.{self.change_id}.{ORDER.index(self.copying)}.{self.last_id}"
        return f"i{self.epoch}.{self.xid}.{self.change_id}"

    def next_kind(self) -> "Cursor":
        """The copy moves to the next kind, or is done and the log takes over."""
        at = ORDER.index(self.copying) + 1
        return replace(self, copying=ORDER[at] if at < len(ORDER) else None, last_id=0)


def cursor_parse(raw: str | None) -> Cursor | None:
    """The cursor a client sent; ``None`` for ``0`` (a full copy). Anything else is a 400."""
    if raw in (None, "", START):
        return None
    match = PATTERN.match(raw)
    if match is None or (match.group(4) is not None and int(match.group(4)) >= len(ORDER)):
        raise FieldErrors.single("cursor", _("Send 0, or the cursor the last page of the sync gave you."))
    if match.group(1) is not None:
        epoch, xid, change_id, kind, last_id = (int(g) for g in match.groups()[:5])
        return Cursor(epoch, xid, change_id, ORDER[kind], last_id)
    return Cursor(*(int(g) for g in match.groups()[5:]))
