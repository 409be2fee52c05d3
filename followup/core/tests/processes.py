"""Helpers for tests that start real OS processes (web, worker, scheduler) on the test database."""

import os
from pathlib import Path

from django.conf import settings

from followup.core.dburl import database_url

PROJECT_DIR = Path(settings.BASE_DIR).parent


def child_process_env() -> dict[str, str]:
    """The environment of a child process that uses this test run's database and secret key."""
    return {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "followup.settings",
            "FOLLOWUP_SECRET_KEY": settings.SECRET_KEY}
