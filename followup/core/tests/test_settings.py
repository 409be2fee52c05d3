"""Settings come from the environment and are parsed strictly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from followup.env import env_bool, env_int, env_list

PROJECT_DIR = Path(settings.BASE_DIR).parent


def test_misspelt_boolean_is_an_error_naming_the_variable(monkeypatch):
    monkeypatch.setenv("FOLLOWUP_DEBUG", "ture")

    with pytest.raises(ImproperlyConfigured, match="FOLLOWUP_DEBUG"):
        env_bool("FOLLOWUP_DEBUG", False)


@pytest.mark.parametrize("raw,expected", [("1", True), ("true", True), ("Yes", True), ("on", True),
                                          ("0", False), ("false", False), ("no", False), ("", False)])
def test_boolean_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FOLLOWUP_DEBUG", raw)

    assert env_bool("FOLLOWUP_DEBUG", not expected) is expected


def test_unset_boolean_takes_the_default(monkeypatch):
    monkeypatch.delenv("FOLLOWUP_DEBUG", raising=False)

    assert env_bool("FOLLOWUP_DEBUG", True) is True


def test_non_number_is_an_error(monkeypatch):
    monkeypatch.setenv("FOLLOWUP_PAGE_SIZE", "twenty")

    with pytest.raises(ImproperlyConfigured, match="FOLLOWUP_PAGE_SIZE"):
        env_int("FOLLOWUP_PAGE_SIZE", 25, minimum=1)


def test_number_below_minimum_is_an_error(monkeypatch):
    monkeypatch.setenv("FOLLOWUP_PAGE_SIZE", "0")

    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("FOLLOWUP_PAGE_SIZE", 25, minimum=1)


def test_list_is_split_on_commas(monkeypatch):
    monkeypatch.setenv("FOLLOWUP_ALLOWED_HOSTS", "crm.example.com, .example.org,")

    assert env_list("FOLLOWUP_ALLOWED_HOSTS", []) == ["crm.example.com", ".example.org"]


def test_start_up_fails_with_a_misspelt_debug_flag():
    env = {**os.environ, "FOLLOWUP_DEBUG": "ture", "DJANGO_SETTINGS_MODULE": "followup.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=PROJECT_DIR, env=env,
        capture_output=True, text=True, timeout=60,
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured: FOLLOWUP_DEBUG='ture' is not a boolean" in result.stderr
