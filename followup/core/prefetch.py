"""Related rows a reader already holds, given to an object as ``prefetch_related`` would."""

from django.db.models import Model


def give_prefetched(obj: Model, relation: str, rows: list) -> None:
    """``obj.<relation>.all()`` answers ``rows`` from now on, without a query: for rows read in a
    query of one's own (the task page's people, one ``UNION ALL``), or known to be none (a chat
    message without files)."""
    qs = getattr(obj, relation).all()
    qs._result_cache, qs._prefetch_done = rows, True
    obj._prefetched_objects_cache = {**getattr(obj, "_prefetched_objects_cache", {}), relation: qs}
