"""``followup run``: starts web, worker and scheduler, and stops them all together."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from followup.core.tests.processes import PROJECT_DIR, child_process_env


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
    for proc in procs:
        if proc.poll() is None:
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


@pytest.mark.django_db(transaction=True)
def test_run_stops_the_others_and_fails_when_one_process_dies(run_process):
    port = free_port()
    proc = run_process(port)
    output = wait_for_line(proc, "Followup is running on")
    scheduler_pid = next(int(line.split("pid ")[1].rstrip(").\n")) for line in output if "scheduler (pid" in line)

    os.kill(scheduler_pid, signal.SIGKILL)
    rest, _ = proc.communicate(timeout=30)

    assert proc.returncode == 1
    assert "The scheduler was killed by SIGKILL; stopping the others." in rest


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

