import datetime as dt

import pytest

from followup.api.tests.conftest import api  # noqa: F401 - the API client per person, for test_api
from followup.recurrence.services import series_start


@pytest.fixture
def repeating(world):
    """A task of Alice (Europe/Warsaw) made the first occurrence of a series:
    ``repeating(rrule, due_date=..., due_time=...)``."""
    world.alice.time_zone = "Europe/Warsaw"
    world.alice.save(update_fields=["time_zone"])

    def _repeating(rrule="FREQ=WEEKLY;BYDAY=MO", *, due_date=dt.date(2027, 3, 22), due_time=dt.time(9, 0),
                   **fields):
        task = world.task("Weekly call", due_date=due_date, due_time=due_time, **fields)
        series = series_start(actor=world.alice, task_id=task.pk, rrule=rrule)
        return task, series
    return _repeating
