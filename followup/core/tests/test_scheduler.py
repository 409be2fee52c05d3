"""The scheduler: jobs fire once per due time, even with several scheduler processes."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from followup.core import scheduler
from followup.core.models import ScheduledJob
from followup.core.tests.processes import PROJECT_DIR, child_process_env

# A scheduler process with one extra job, "tick", that appends the time it fired to a file.
# It prints "ready" once Django is set up. ROUNDS > 0: read a start time from stdin, then at
# each round's time run `followup scheduler --once`. ROUNDS = 0: run `followup scheduler`
# until SIGTERM.
CHILD = textwrap.dedent("""
    import os, sys, time
    from datetime import timedelta
    import django
    django.setup()
    from django.core.management import call_command
    from followup.core.scheduler import periodic

    @periodic("tick", every=timedelta(seconds=float(os.environ["TICK_EVERY"])))
    def tick():
        with open(os.environ["TICK_LOG"], "a") as log:
            log.write(f"{time.time()} {os.getpid()}\\n")

    rounds, gap = int(os.environ["ROUNDS"]), float(os.environ["ROUND_GAP"])
    # The first round's work is warmed up before "ready" (the command's import, the connection):
    # on a busy machine it once took a round's half gap and its tick counted as the next round's.
    from django.core.management import load_command_class
    from django.db import connection
    load_command_class("followup.core", "scheduler")
    connection.ensure_connection()
    print("ready", flush=True)
    if rounds == 0:
        call_command("scheduler", "--interval", "0.01")
    else:
        start = float(sys.stdin.readline())
    for k in range(rounds):
        time.sleep(max(0.0, start + k * gap - time.time()))
        call_command("scheduler", "--once", stdout=open(os.devnull, "w"))
""")


def start_scheduler_process(tmp_path, *, every, rounds=0, gap=0.0):
    env = {
        **child_process_env(), "TICK_LOG": str(tmp_path / "ticks.log"), "TICK_EVERY": str(every),
        "ROUNDS": str(rounds), "ROUND_GAP": str(gap),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD], cwd=PROJECT_DIR, env=env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    return proc


def wait_until_ready(procs):
    for proc in procs:
        line = proc.stdout.readline().strip()
        assert line == "ready", proc.stderr.read()


def ticks(tmp_path) -> list[float]:
    path = tmp_path / "ticks.log"
    return sorted(float(line.split()[0]) for line in path.read_text().splitlines()) if path.exists() else []


@pytest.fixture
def registered():
    """Register throw-away jobs for one test; forget them afterwards."""
    names = []

    def register(name, func, every=timedelta(minutes=5)):
        scheduler.periodic(name, every=every)(func)
        names.append(name)
        return scheduler.registered_jobs()[name]

    yield register
    for name in names:
        scheduler.unregister(name)


@pytest.mark.django_db(transaction=True)
def test_two_processes_racing_with_once_fire_each_due_run_exactly_once(tmp_path):
    # Each round both processes claim at the same instant; "tick" is due again by the next round.
    rounds, gap, every = 8, 1.0, 0.5
    procs = [start_scheduler_process(tmp_path, every=every, rounds=rounds, gap=gap) for _ in range(2)]
    wait_until_ready(procs)
    start_at = time.time() + 0.5
    for proc in procs:
        proc.stdin.write(f"{start_at}\n")
        proc.stdin.flush()
    for proc in procs:
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err

    fired_rounds = [int((t - start_at + gap / 2) // gap) for t in ticks(tmp_path)]
    assert fired_rounds == list(range(rounds))
    assert ScheduledJob.objects.get(name="tick").run_count == rounds


@pytest.mark.django_db(transaction=True)
def test_two_looping_processes_never_fire_a_job_twice_for_one_due_time(tmp_path):
    every = 0.25
    procs = [start_scheduler_process(tmp_path, every=every) for _ in range(2)]
    wait_until_ready(procs)
    time.sleep(3)
    for proc in procs:
        proc.send_signal(signal.SIGTERM)
    for proc in procs:
        _out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert "scheduler stopped" in err

    fired = ticks(tmp_path)
    gaps = [b - a for a, b in zip(fired, fired[1:], strict=False)]
    assert len(fired) >= 5
    assert min(gaps) > every * 0.5, gaps  # a double fire would be two ticks milliseconds apart
    assert ScheduledJob.objects.get(name="tick").run_count == len(fired)


def test_once_runs_a_due_job_and_exits(db, registered):
    calls = []
    registered("test_once", lambda: calls.append(1))

    call_command("scheduler", "--once", stdout=open(os.devnull, "w"))

    assert calls == [1]
    job = ScheduledJob.objects.get(name="test_once")
    assert job.run_count == 1
    assert job.next_run_at > timezone.now() + timedelta(minutes=4)


def test_job_is_not_run_again_before_it_is_due(db, registered):
    calls = []
    registered("test_not_due", lambda: calls.append(1))

    call_command("scheduler", "--once", stdout=open(os.devnull, "w"))
    call_command("scheduler", "--once", stdout=open(os.devnull, "w"))

    assert calls == [1]


def test_job_runs_again_when_due_again(db, registered):
    calls = []
    job = registered("test_due_again", lambda: calls.append(1))
    loop = scheduler.Scheduler(jobs=[job])
    now = timezone.now()

    loop.run_once(now=now)
    loop.run_once(now=now + timedelta(minutes=5))

    assert calls == [1, 1]


def test_claim_is_won_by_exactly_one_of_two_claimers(db, registered):
    job = registered("test_claim", lambda: None)
    now = timezone.now()
    scheduler.jobs_ensure_rows([job], now=now)

    assert [scheduler.job_claim(job, now=now), scheduler.job_claim(job, now=now)] == [True, False]


def test_failing_job_records_its_error_and_other_jobs_still_run(db, registered):
    calls = []

    def broken():
        raise RuntimeError("mail server down")

    jobs = [registered("test_broken", broken), registered("test_fine", lambda: calls.append(1))]

    runs = scheduler.Scheduler(jobs=jobs).run_once()

    assert [(r.name, r.ok) for r in runs] == [("test_broken", False), ("test_fine", True)]
    assert "mail server down" in ScheduledJob.objects.get(name="test_broken").last_error
    assert calls == [1]


def test_successful_run_clears_the_previous_error(db, registered):
    job = registered("test_recovers", lambda: "ok")
    scheduler.jobs_ensure_rows([job])
    ScheduledJob.objects.filter(name="test_recovers").update(last_error="old failure")

    scheduler.Scheduler(jobs=[job]).run_once()

    assert ScheduledJob.objects.get(name="test_recovers").last_error == ""


def test_each_job_run_logs_one_line(db, registered, caplog):
    job = registered("test_logged", lambda: "did 3 things")

    with caplog.at_level("INFO", logger="followup.scheduler"):
        scheduler.Scheduler(jobs=[job]).run_once()

    lines = [r.getMessage() for r in caplog.records if r.name == "followup.scheduler"]
    assert len(lines) == 1
    assert lines[0].startswith("job test_logged ran in") and lines[0].endswith("did 3 things")


def test_two_functions_cannot_share_a_job_name(registered):
    registered("test_same_name", lambda: None)

    with pytest.raises(ImproperlyConfigured):
        scheduler.periodic("test_same_name", every=timedelta(minutes=1))(child_process_env)


def test_every_must_be_a_positive_timedelta():
    with pytest.raises(ImproperlyConfigured):
        scheduler.periodic("test_bad_every", every=timedelta(0))


def test_prune_job_is_registered():
    scheduler.autodiscover()

    assert "prune_old_records" in scheduler.registered_jobs()


def make_task_result(*, finished_days_ago: float) -> DBTaskResult:
    finished = timezone.now() - timedelta(days=finished_days_ago)
    return DBTaskResult.objects.create(
        status="SUCCESSFUL", finished_at=finished, started_at=finished, args_kwargs={}, task_path="x.y",
        backend_name="default", run_after=finished, exception_class_path="", traceback="",
    )


def test_prune_deletes_task_results_older_than_seven_days(db):
    old, recent = make_task_result(finished_days_ago=8), make_task_result(finished_days_ago=6)

    scheduler.prune_old_records()

    assert list(DBTaskResult.objects.values_list("id", flat=True)) == [recent.id]
    assert not DBTaskResult.objects.filter(id=old.id).exists()


def test_prune_keeps_unfinished_task_results(db):
    waiting = make_task_result(finished_days_ago=30)
    DBTaskResult.objects.filter(id=waiting.id).update(status="READY", finished_at=None)

    scheduler.prune_old_records()

    assert DBTaskResult.objects.filter(id=waiting.id).exists()


def test_list_shows_registered_jobs(capsys):
    call_command("scheduler", "--list")

    assert "prune_old_records\tevery 1:00:00" in capsys.readouterr().out


def test_scheduler_help_explains_once():
    result = subprocess.run(
        [sys.executable, "-m", "followup.cli", "scheduler", "--help"], cwd=PROJECT_DIR,
        capture_output=True, text=True, env=child_process_env(), timeout=60,
    )
    assert "--once" in result.stdout and "several processes" in result.stdout
