"""B3: the rule in words, in English and Polish."""

import datetime as dt

import pytest
from django.utils import translation

from followup.recurrence.words import describe

MONDAY = dt.date(2027, 3, 22)


@pytest.mark.parametrize(("rule", "words"), [
    ("FREQ=DAILY", "Every day"),
    ("FREQ=DAILY;INTERVAL=3", "Every 3 days"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "Every 2 weeks on Monday"),
    ("FREQ=WEEKLY", "Every week on Monday"),
    ("FREQ=WEEKLY;BYDAY=MO,WE,FR", "Every week on Monday, Wednesday and Friday"),
    ("FREQ=MONTHLY", "Every month on day 22"),
    ("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1,15", "Every 3 months on day 1 and 15"),
    ("FREQ=YEARLY", "Every year on 22 March"),
    ("FREQ=DAILY;COUNT=5", "Every day, 5 times"),
    ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20271231T235959", "Every week on Tuesday, until 31/12/2027"),
    ("FREQ=MONTHLY;BYDAY=1MO", "Repeats by the rule FREQ=MONTHLY;BYDAY=1MO"),
])
def test_english(rule, words):
    with translation.override("en"):
        assert describe(rule, MONDAY) == words


@pytest.mark.parametrize(("rule", "words"), [
    ("FREQ=DAILY", "Codziennie"),
    ("FREQ=DAILY;INTERVAL=3", "Co 3 dni"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "Co 2 tygodnie w poniedziałek"),
    ("FREQ=WEEKLY;INTERVAL=5;BYDAY=MO,WE", "Co 5 tygodni w poniedziałek i w środę"),
    ("FREQ=MONTHLY", "Co miesiąc dnia 22"),
    ("FREQ=YEARLY", "Co rok 22 marca"),
    ("FREQ=DAILY;COUNT=5", "Codziennie, 5 razy"),
    ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20271231", "Co tydzień we wtorek, do 31.12.2027"),
])
def test_polish(rule, words):
    with translation.override("pl"):
        assert describe(rule, MONDAY) == words
