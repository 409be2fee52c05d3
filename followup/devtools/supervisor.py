"""The process supervisor of ``followup run`` (issue 13 §3.3): a child that dies comes back.

``followup run`` starts the web server, the worker and the scheduler and keeps them running:
when one exits, for whatever reason (a crash, the OOM killer, a database outage its loop did
not survive), the supervisor starts it again and leaves the others alone, so a dying worker
never takes the web server down with it. Restarts back off, 1 s, 2 s, 4 s ... up to 30 s, so
a child that cannot start (a broken configuration) is retried calmly instead of in a tight
loop; a child that ran for a minute before dying counts as healthy and starts again after 1 s.
Ctrl-C, SIGTERM or SIGHUP stop every child (SIGTERM to its process group, SIGKILL after a
grace period) and end the command with 0.
"""

import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass

FIRST_DELAY = 1.0
MAX_DELAY = 30.0
HEALTHY_AFTER = 60.0  # seconds a child must run before its next restart starts from FIRST_DELAY again
STOP_GRACE_SECONDS = 10
POLL_SECONDS = 0.2


def restart_delay(previous: float | None, ran_for: float) -> float:
    """How long to wait before starting a child again that ran ``ran_for`` seconds and was last
    restarted after ``previous`` seconds (None: never restarted yet)."""
    if previous is None or ran_for >= HEALTHY_AFTER:
        return FIRST_DELAY
    return min(previous * 2, MAX_DELAY)


def describe_exit(code: int) -> str:
    return f"was killed by {signal.Signals(-code).name}" if code < 0 else f"exited with code {code}"


@dataclass
class Child:
    name: str
    argv: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    delay: float | None = None  # the last restart's wait; None until the first restart
    restart_at: float | None = None  # when a dead child starts again


class Supervisor:
    """Runs ``children`` until a stop signal. ``tick`` is called on every poll (``followup run``
    uses it to say when the web server answers)."""

    def __init__(self, children: list[Child], *, out: Callable[[str], None], err: Callable[[str], None],
                 tick: Callable[[], None] = lambda: None):
        self.children = children
        self.out, self.err, self.tick = out, err, tick
        self.stop_signal: list[int] = []

    def run(self) -> int:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, lambda signum, _frame: self.stop_signal.append(signum))
        for child in self.children:
            self.start(child)
        while not self.stop_signal:
            now = time.monotonic()
            for child in self.children:
                if child.process is not None and child.process.poll() is not None:
                    self.reap(child, now)
                elif child.process is None and child.restart_at is not None and now >= child.restart_at:
                    self.start(child, again=True)
            self.tick()
            time.sleep(POLL_SECONDS)
        self.out("Stopping…")
        self.stop_all()
        self.out("Stopped.")
        return 0

    def start(self, child: Child, *, again: bool = False) -> None:
        # Each child in its own session (process group): Ctrl-C reaches only us, and stopping a
        # child also stops what it started (runserver's reloader, gunicorn's workers).
        child.process = subprocess.Popen(child.argv, start_new_session=True, stdin=subprocess.DEVNULL)
        child.started_at, child.restart_at = time.monotonic(), None
        self.out(f"{'Restarted' if again else 'Started'} the {child.name} (pid {child.process.pid}).")

    def reap(self, child: Child, now: float) -> None:
        """A child has exited: clear away what it left in its group (gunicorn's workers still hold
        the port when their master is killed) and plan its restart."""
        ran_for = now - child.started_at
        self.signal_group(child, signal.SIGKILL)
        child.delay = restart_delay(child.delay, ran_for)
        child.restart_at = now + child.delay
        self.err(f"The {child.name} {describe_exit(child.process.returncode)} after {ran_for:.0f} s; "
                 f"restarting it in {child.delay:g} s.")
        child.process = None

    def stop_all(self) -> None:
        running = [c for c in self.children if c.process is not None and c.process.poll() is None]
        for child in running:
            self.signal_group(child, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in running:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.err(f"The {child.name} did not stop in {STOP_GRACE_SECONDS} s; killing it.")
                self.signal_group(child, signal.SIGKILL)
                child.process.wait()

    @staticmethod
    def signal_group(child: Child, signum: int) -> None:
        try:
            os.killpg(child.process.pid, signum)
        except (ProcessLookupError, PermissionError):
            pass
