"""``followup run``: starts web, worker and scheduler, starts again one that dies (with back-off) while
the others carry on, and stops them all together on SIGTERM."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

import pytest

from followup.core.tests.processes import PROJECT_DIR, child_process_env
from followup.devtools.supervisor import FIRST_DELAY, HEALTHY_AFTER, MAX_DELAY, restart_delay


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_run(port: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "followup.cli", "run", "--port", str(port), "--no-demo", "--workers", "1", *extra],
        cwd=PROJECT_DIR, env={**child_process_env(), "FOLLOWUP_DEBUG": "false"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )


def wait_for_line(proc: subprocess.Popen, text: str, seconds: float = 60) -> list[str]:
    seen, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        if text in line:
            return seen
    raise AssertionError(f"{text!r} not printed; output was:\n{''.join(seen)}")


@pytest.fixture
def run_process():
    procs = []

    def start(*args):
        proc = start_run(*args)
        procs.append(proc)
        return proc

    yield start
    for proc in procs:  # a test that failed half-way: SIGTERM stops the children too
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.mark.django_db(transaction=True)
def test_run_serves_the_login_page_and_stops_everything_on_sigterm(run_process):
    port = free_port()
    proc = run_process(port)
    output = wait_for_line(proc, f"Followup is running on http://127.0.0.1:{port}/")
    pids = [int(line.split("pid ")[1].rstrip(").\n")) for line in output if line.startswith("Started the ")]

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=10) as response:
        assert response.status == 200

    proc.send_signal(signal.SIGTERM)
    rest, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, rest
    assert "Stopped." in rest
    assert len(pids) == 3
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def started_pids(lines: list[str]) -> dict[str, int]:
    """{"web server": pid, "worker": pid, "scheduler": pid} from the "Started the ..." lines."""
    found = {}
    for line in lines:
        for verb in ("Started the ", "Restarted the "):
            if line.startswith(verb):
                name, _sep, rest = line[len(verb):].partition(" (pid ")
                found[name] = int(rest.rstrip(").\n"))
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def login_page_answers(port: int, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


@dataclass
class Running:
    proc: subprocess.Popen
    port: int
    first: dict[str, int]  # the children's pids as started


@pytest.fixture
def running(run_process) -> Running:
    """``followup run`` started and serving (the database has to be the test's: transaction=True)."""
    port = free_port()
    proc = run_process(port)
    return Running(proc, port, started_pids(wait_for_line(proc, "Followup is running on")))


def stop(proc: subprocess.Popen) -> str:
    proc.send_signal(signal.SIGTERM)
    rest, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, rest
    return rest


@pytest.mark.django_db(transaction=True)
def test_run_restarts_a_killed_scheduler_and_leaves_the_others_running(running):
    os.kill(running.first["scheduler"], signal.SIGKILL)
    lines = wait_for_line(running.proc, "Restarted the scheduler", seconds=30)

    assert any("The scheduler was killed by SIGKILL" in line and "restarting it in 1 s" in line for line in lines)
    again = started_pids(lines)["scheduler"]
    assert again != running.first["scheduler"] and alive(again)
    assert alive(running.first["web server"]) and alive(running.first["worker"])
    assert login_page_answers(running.port)
    assert "Stopped." in stop(running.proc)
    assert not alive(again)


@pytest.mark.django_db(transaction=True)
def test_run_restarts_a_killed_web_server_and_it_answers_again(running):
    os.kill(running.first["web server"], signal.SIGKILL)  # gunicorn's master: its workers still hold the port
    lines = wait_for_line(running.proc, "Restarted the web server", seconds=30)

    assert started_pids(lines)["web server"] != running.first["web server"]
    assert login_page_answers(running.port)
    assert alive(running.first["worker"]) and alive(running.first["scheduler"])
    stop(running.proc)


@pytest.mark.django_db(transaction=True)
def test_run_waits_twice_as_long_before_restarting_a_worker_that_dies_again_at_once(running):
    os.kill(running.first["worker"], signal.SIGKILL)
    second = started_pids(wait_for_line(running.proc, "Restarted the worker", seconds=30))["worker"]
    os.kill(second, signal.SIGKILL)
    lines = wait_for_line(running.proc, "Restarted the worker", seconds=30)

    assert any(re.search(r"The worker was killed by SIGKILL after \d+ s; restarting it in 2 s\.", line)
               for line in lines)
    assert alive(started_pids(lines)["worker"])
    stop(running.proc)


@pytest.mark.django_db(transaction=True)
def test_run_stops_cleanly_while_a_dead_child_waits_for_its_restart(running):
    os.kill(running.first["scheduler"], signal.SIGKILL)
    wait_for_line(running.proc, "restarting it in 1 s")
    rest = stop(running.proc)

    assert "Restarted the scheduler" not in rest
    assert not alive(running.first["web server"]) and not alive(running.first["worker"])


def test_run_refuses_a_port_that_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "followup.cli", "run", "--port", str(port), "--no-demo"],
            cwd=PROJECT_DIR, env=child_process_env(), capture_output=True, text=True, timeout=60,
        )

    assert result.returncode != 0
    assert f"Cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "--port" in result.stderr


def test_run_help_names_every_option():
    result = subprocess.run(
        [sys.executable, "-m", "followup.cli", "run", "--help"], cwd=PROJECT_DIR, env=child_process_env(),
        capture_output=True, text=True, timeout=60,
    )

    for option in ("--host", "--port", "--no-demo", "--no-worker", "--no-scheduler"):
        assert option in result.stdout



def test_restart_delay_doubles_up_to_thirty_seconds():
    delays, delay = [], None
    for _ in range(8):
        delay = restart_delay(delay, ran_for=2)
        delays.append(delay)
    assert delays == [FIRST_DELAY, 2, 4, 8, 16, MAX_DELAY, MAX_DELAY, MAX_DELAY] == [1, 2, 4, 8, 16, 30, 30, 30]


def test_restart_delay_starts_again_from_one_second_after_a_healthy_run():
    assert restart_delay(16, ran_for=HEALTHY_AFTER) == FIRST_DELAY
