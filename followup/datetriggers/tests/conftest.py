import datetime as dt

import pytest
from django.utils import timezone

from followup.automation.models import AssignTo
from followup.datetriggers.models import DateTrigger, WatchedDate


@pytest.fixture
def trigger(world):
    """A date trigger of Adam (the administrator), made "on" ``made`` (a date; UTC organization)."""
    def _trigger(made: dt.date, field=WatchedDate.BIRTHDAY, days_before=0, **fields):
        fields.setdefault("name", "Birthday call")
        fields.setdefault("title", "Call {customer}: birthday")
        fields.setdefault("assign_to", AssignTo.CUSTOMER_OWNER)
        made_at = dt.datetime.combine(made, dt.time(8, 0), tzinfo=dt.UTC)
        trigger = DateTrigger.objects.create(organization=world.org, author=world.adam, field=field,
                                             days_before=days_before, **fields)
        DateTrigger.objects.filter(pk=trigger.pk).update(created_at=made_at)
        return DateTrigger.objects.select_related("organization", "author").get(pk=trigger.pk)
    return _trigger


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=dt.UTC)


def fresh(trigger: DateTrigger) -> DateTrigger:
    return DateTrigger.objects.select_related("organization", "author").get(pk=trigger.pk)


__all__ = ["at", "fresh", "timezone"]
