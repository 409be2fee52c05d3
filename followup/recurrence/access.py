"""B3: which series a task belongs to. A series is reached only through a task the actor may see
(``tasks.access``), so another organization's series is a 404 by construction."""

from followup.recurrence.models import Occurrence, Series


def occurrence_of(task_id: int) -> Occurrence | None:
    return Occurrence.objects.select_related("series").filter(task_id=task_id).first()


def series_get_for_update(*, task_id: int) -> Series | None:
    """The series of a task already fetched (and locked) through ``task_get_for_update``."""
    return Series.objects.select_for_update().filter(occurrences__task_id=task_id).first()
