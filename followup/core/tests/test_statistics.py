"""SQLite's planner statistics are gathered by the scheduler (``core.jobs.sqlite_statistics``)."""

from datetime import timedelta

import pytest
from django.db import connection

from followup.core import scheduler
from followup.core.jobs import sqlite_statistics


def test_the_statistics_job_runs_every_six_hours():
    scheduler.autodiscover()

    job = scheduler.registered_jobs()["sqlite_statistics"]
    assert job.func is sqlite_statistics and job.every == timedelta(hours=6)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's statistics")
def test_the_job_gives_the_planner_the_tasks_statistics(world):
    world.tasks(30)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")

    assert "table(s) gathered" in sqlite_statistics()

    with connection.cursor() as cursor:
        cursor.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'tasks_task'")
        indexes = dict(cursor.fetchall())
    assert int(indexes["task_pending_due"].split()[0]) >= 30, indexes  # rows in the pending tasks' index


@pytest.mark.skipif(connection.vendor == "sqlite", reason="PostgreSQL's autovacuum")
def test_postgresql_is_left_to_its_autovacuum(db):
    assert sqlite_statistics() == "PostgreSQL keeps its statistics itself"
