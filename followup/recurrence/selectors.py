"""B3: what the task page and the API show of a task's repetition."""

from dataclasses import dataclass

from followup.recurrence.access import occurrence_of
from followup.recurrence.models import Series
from followup.recurrence.words import describe


@dataclass(frozen=True)
class Repetition:
    series: Series
    words: str  # "Every 2 weeks on Monday", in the active language

    @property
    def is_live(self) -> bool:
        return self.series.ended_at is None


def task_repetition(task_id: int) -> Repetition | None:
    """The series the task (already fetched through ``tasks.access``) is an occurrence of: one query."""
    occurrence = occurrence_of(task_id)
    if occurrence is None:
        return None
    series = occurrence.series
    return Repetition(series=series, words=describe(series.rrule, series.start_date))
