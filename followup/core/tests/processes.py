"""Helpers for tests that start real OS processes (web, worker, scheduler) on the test database."""

import os
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

PROJECT_DIR = Path(settings.BASE_DIR).parent


def child_process_env() -> dict[str, str]:
    """The environment of a child process that uses this test run's database and secret key."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{s['NAME']}"
    else:
        auth = quote(s["USER"] or "") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
        url = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "followup.settings",
            "FOLLOWUP_SECRET_KEY": settings.SECRET_KEY}
