"""Ordered rows (statuses, types, stages): moving one up or down the list.

Rows carry a ``position``; positions may repeat (rows made before ordering mattered), so a move
first lays the rows out as they show (by position, then id) and then writes 0, 1, 2, ... to the
rows whose place changed. The rows are locked while they move, so two moves cannot interleave.
"""

from django.db.models import QuerySet


def move_in_order(queryset: QuerySet, pk: int, offset: int) -> bool:
    """Move the row ``pk`` of ``queryset`` by ``offset`` places (negative: up); at either end it
    stays. Returns whether anything moved. Call it inside a transaction."""
    rows = list(queryset.select_for_update().order_by("position", "id"))
    index = next((i for i, row in enumerate(rows) if row.pk == pk), None)
    if index is None:
        return False
    target = min(max(index + offset, 0), len(rows) - 1)
    if target == index:
        return False
    rows.insert(target, rows.pop(index))
    changed = [row for i, row in enumerate(rows) if row.position != i]
    for row in changed:
        row.position = rows.index(row)
    queryset.model.objects.bulk_update(changed, ["position"])
    return True


def next_position(queryset: QuerySet) -> int:
    """The position of a row added at the end of the list."""
    last = queryset.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def offset_to(queryset: QuerySet, pk: int, index: int) -> int:
    """The ``offset`` that takes row ``pk`` to place ``index`` (0 is the top) of ``queryset``'s
    list, for ``move_in_order``; a place past the end means the end."""
    ids = list(queryset.order_by("position", "id").values_list("pk", flat=True))
    return min(max(index, 0), len(ids) - 1) - ids.index(pk) if pk in ids else 0
