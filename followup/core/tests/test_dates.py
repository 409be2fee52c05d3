"""Issue 13 §1.13: dates are typed in the user's own format (ISO always understood), and a day
that does not exist is named as such instead of vanishing."""

import datetime as dt

import pytest
from django.utils import translation

from followup.core.dates import DateError, format_date, impossible_iso_date, parse_date


@pytest.fixture
def polish():
    """Polish messages need the compiled catalogue (``followup compilemessages``)."""
    with translation.override("pl"):
        if translation.gettext("Next month") == "Next month":
            pytest.skip("the Polish catalogue is not compiled: run followup compilemessages")


@pytest.mark.parametrize("text", ["06/11/2026", "6/11/2026", "06.11.2026", "6-11-2026", "2026-11-06", " 2026-11-6 "])
def test_english_reads_day_first_and_iso(text):
    with translation.override("en"):
        assert parse_date(text) == dt.date(2026, 11, 6)


@pytest.mark.parametrize("text", ["06.11.2026", "6.11.2026", "2026-11-06"])
def test_polish_reads_day_first_with_dots_and_iso(text):
    with translation.override("pl"):
        assert parse_date(text) == dt.date(2026, 11, 6)


def test_blank_is_no_date():
    assert parse_date("") is None and parse_date("   ") is None and parse_date(None) is None


def test_each_language_writes_its_own_format():
    with translation.override("en"):
        assert format_date(dt.date(2026, 11, 6)) == "06/11/2026"
    with translation.override("pl"):
        assert format_date(dt.date(2026, 11, 6)) == "06.11.2026"
    assert format_date(None) == ""


@pytest.mark.parametrize("text", ["2026-02-30", "30/02/2026", "30.02.2026"])
def test_the_30th_of_february_is_named(text):
    with translation.override("en"), pytest.raises(DateError) as err:
        parse_date(text)
    assert str(err.value) == "30 February 2026 does not exist."


def test_an_impossible_day_is_named_in_polish(polish):
    with translation.override("pl"), pytest.raises(DateError) as err:
        parse_date("30.02.2026")
    assert str(err.value) == "30 lutego 2026 nie istnieje."


def test_month_13_is_named():
    with translation.override("en"), pytest.raises(DateError) as err:
        parse_date("01/13/2026")  # a US date: there is no 13th month
    assert "There is no month 13" in str(err.value)


@pytest.mark.parametrize("text", ["tomorrow", "2026/11/06", "06112026", "6 Nov 2026", "2026-W45-5", "1.1.26"])
def test_other_text_asks_for_the_format(text):
    with translation.override("en"), pytest.raises(DateError) as err:
        parse_date(text)
    assert str(err.value) == "Enter a date as DD/MM/YYYY."


def test_other_text_asks_for_the_polish_format_in_polish(polish):
    with translation.override("pl"), pytest.raises(DateError) as err:
        parse_date("jutro")
    assert str(err.value) == "Wpisz datę w formacie DD.MM.RRRR."


def test_the_api_names_only_a_well_formed_impossible_iso_day():
    with translation.override("en"):
        assert impossible_iso_date("2026-02-29") == "29 February 2026 does not exist."
        assert impossible_iso_date("2028-02-29") is None  # a leap year
        assert impossible_iso_date("30/02/2026") is None and impossible_iso_date(0) is None
