"""``followup worker`` and the heartbeats that tell a dead process from a busy one (issue 13 §3.1, §3.4)."""

import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from followup.core import liveness, scheduler
from followup.core.jobs import dead_workers_settle
from followup.core.models import ProcessHeartbeat
from followup.core.outage import is_database_outage, wait_for_database
from followup.core.tests.processes import PROJECT_DIR, child_process_env
from followup.core.worker import task_results_fail, task_results_fail_orphaned


def heartbeat(name: str, *, seconds_ago: float) -> ProcessHeartbeat:
    at = timezone.now() - timedelta(seconds=seconds_ago)
    return ProcessHeartbeat.objects.create(name=name, kind="worker", host="test", pid=1, started_at=at, beat_at=at)


def running_task(*, worker: str) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status="RUNNING", started_at=now, args_kwargs={"args": [], "kwargs": {}}, task_path="x.y",
        backend_name="default", run_after=now, exception_class_path="", traceback="", worker_ids=["older", worker],
    )


def test_heartbeat_creates_its_row_then_refreshes_it(db):
    beat = liveness.Heartbeat(kind="worker")
    beat.beat()
    first = ProcessHeartbeat.objects.get(name=beat.name).beat_at
    beat.beat()

    row = ProcessHeartbeat.objects.get(name=beat.name)
    assert row.kind == "worker" and row.beat_at >= first


def test_stopping_a_heartbeat_deletes_its_row(db):
    beat = liveness.Heartbeat(kind="worker")
    beat.beat()
    beat.stop()

    assert not ProcessHeartbeat.objects.filter(name=beat.name).exists()


def test_a_heartbeat_older_than_stale_after_is_dead_and_an_unknown_name_is_not_judged(db):
    heartbeat("fresh", seconds_ago=1)
    heartbeat("stale", seconds_ago=liveness.STALE_AFTER.total_seconds() + 1)

    assert liveness.dead_names({"fresh", "stale", "never-heard-of"}) == {"stale"}
    assert set(liveness.alive_names().values_list("name", flat=True)) == {"fresh"}


def test_heartbeats_of_processes_gone_for_a_day_are_forgotten(db):
    heartbeat("yesterday", seconds_ago=25 * 3600)
    heartbeat("just-now", seconds_ago=1)

    assert liveness.heartbeats_forget_old() == 1
    assert list(ProcessHeartbeat.objects.values_list("name", flat=True)) == ["just-now"]


def test_running_task_of_a_worker_that_stopped_beating_is_marked_failed(db):
    heartbeat("dead-worker", seconds_ago=60)
    task = running_task(worker="dead-worker")

    assert task_results_fail_orphaned() == 1

    task.refresh_from_db()
    assert (task.status, task.exception_class_path) == ("FAILED", "followup.core.worker.WorkerLost")
    assert task.finished_at is not None and "stopped" in task.traceback


def test_running_task_of_a_live_worker_is_left_running(db):
    heartbeat("busy-worker", seconds_ago=1)
    task = running_task(worker="busy-worker")

    assert task_results_fail_orphaned() == 0
    task.refresh_from_db()
    assert task.status == "RUNNING"


def test_running_task_of_a_worker_without_heartbeat_is_left_alone(db):
    task = running_task(worker="library-db-worker")  # e.g. the library's own db_worker: no heartbeat to judge

    assert task_results_fail_orphaned() == 0
    task.refresh_from_db()
    assert task.status == "RUNNING"


def test_only_the_last_claimer_of_a_task_counts(db):
    heartbeat("older", seconds_ago=3600)  # ran it once before; the current claimer is alive
    heartbeat("current", seconds_ago=1)
    task = running_task(worker="current")

    assert task_results_fail(of_workers={"older"}, reason="x") == 0
    task.refresh_from_db()
    assert task.status == "RUNNING"


def test_dead_workers_settle_job_runs_every_fifteen_seconds():
    scheduler.autodiscover()

    job = scheduler.registered_jobs()["dead_workers_settle"]
    assert job.func is dead_workers_settle and job.every == timedelta(seconds=15)


def test_a_database_error_inside_another_exception_counts_as_an_outage():
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as exc:
            raise RuntimeError("while rendering") from exc
    except RuntimeError as wrapped:
        assert is_database_outage(wrapped)
    assert not is_database_outage(ValueError("no"))


@pytest.mark.django_db(transaction=True)  # it closes the connection: not inside a test's transaction
def test_waiting_for_the_database_returns_at_once_when_it_answers():
    waits = []

    assert wait_for_database(who="test", error=OperationalError("gone"), sleep=waits.append) is True
    assert waits == [0.5]


def test_waiting_for_the_database_ends_when_the_process_is_stopping():
    assert wait_for_database(who="test", error=OperationalError("gone"), stopping=lambda: True) is False


@pytest.mark.django_db(transaction=True)
def test_worker_command_runs_a_batch_of_tasks_and_leaves_no_heartbeat():
    from followup.notifications.tasks import deliver_outbox_task

    result = deliver_outbox_task.enqueue()
    done = subprocess.run([sys.executable, "-m", "followup.cli", "worker", "--batch", "--no-startup-delay"],
                          cwd=PROJECT_DIR, env=child_process_env(), capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stdout + done.stderr
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    assert not ProcessHeartbeat.objects.exists()


def test_worker_help_explains_outages_and_heartbeats():
    result = subprocess.run([sys.executable, "-m", "followup.cli", "worker", "--help"], cwd=PROJECT_DIR,
                            capture_output=True, text=True, env=child_process_env(), timeout=60)

    assert "waits and reconnects" in result.stdout and "heartbeat" in result.stdout
    assert "(default: '*')" in result.stdout
