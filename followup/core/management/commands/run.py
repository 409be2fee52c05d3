"""``followup run``: everything a newcomer needs in one command.

Migrates the database, loads demo data on first start, then starts and supervises three
processes: the web server, the background worker and the scheduler. Ctrl-C or SIGTERM
stops all three; if one of them dies, the others are stopped and the command fails.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from followup.core.secret_key import secret_key_for_this_machine

STOP_GRACE_SECONDS = 10
WEB_READY_SECONDS = 30


@dataclass
class Child:
    name: str
    argv: list[str]
    process: subprocess.Popen | None = None


def followup_argv(*args: str) -> list[str]:
    """The ``followup`` command for a child process, with this interpreter and environment."""
    return [sys.executable, "-m", "followup.cli", *args]


class Command(BaseCommand):
    help = (
        "Run Followup on this machine: migrate the database, load demo data on first start, then "
        "serve the web UI and API (gunicorn, or Django's runserver when FOLLOWUP_DEBUG=1) together "
        "with the background worker and the scheduler. Ctrl-C stops everything."
    )
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default: %(default)s).")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on (default: %(default)s).")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default: %(default)s).")
        parser.add_argument("--no-demo", action="store_true", help="Do not load demo data, even on first start.")
        parser.add_argument("--no-worker", action="store_true", help="Do not start the background worker.")
        parser.add_argument("--no-scheduler", action="store_true", help="Do not start the scheduler.")

    def handle(self, *args, host, port, workers, no_demo, no_worker, no_scheduler, **options):
        if not 0 < port < 65536:
            raise CommandError("--port must be between 1 and 65535.")
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        self.ensure_port_free(host, port)
        secret_key_for_this_machine()

        self.stdout.write("Migrating the database…")
        call_command("migrate", interactive=False, verbosity=0)
        # WhiteNoise serves static files straight from the apps (WHITENOISE_USE_FINDERS); an
        # empty STATIC_ROOT only silences its warning. Production runs collectstatic instead.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        if not no_demo:
            self.load_demo_on_first_start(base_url=self.url(host, port))

        children = [Child("web server", self.web_argv(host, port, workers))]
        if not no_worker:
            children.append(Child("worker", followup_argv("db_worker", "--queue-name", "*")))
        if not no_scheduler:
            children.append(Child("scheduler", followup_argv("scheduler")))
        sys.exit(self.supervise(children, host=host, port=port))

    # --- Start-up ------------------------------------------------------------------------

    def ensure_port_free(self, host: str, port: int) -> None:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError as exc:
                raise CommandError(
                    f"Cannot listen on {host}:{port} ({exc.strerror}). Is Followup already running? "
                    "Choose another port with --port."
                ) from None

    def load_demo_on_first_start(self, *, base_url: str) -> None:
        from followup.accounts.models import Organization

        if Organization.objects.exists():
            return
        if "demo" not in get_commands():
            self.stdout.write("No organization yet and no demo command available: skipping demo data.")
            return
        self.stdout.write("First start: loading demo data…")
        call_command("demo", base_url=base_url)

    def web_argv(self, host: str, port: int, workers: int) -> list[str]:
        if settings.DEBUG:
            return followup_argv("runserver", f"{host}:{port}")
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        return [
            sys.executable, "-m", "gunicorn", "followup.wsgi", "--workers", str(workers), "--bind", bind,
            "--access-logfile", "-", "--error-logfile", "-", "--graceful-timeout", str(STOP_GRACE_SECONDS - 2),
        ]

    # --- Supervision ---------------------------------------------------------------------

    def supervise(self, children: list[Child], *, host: str, port: int) -> int:
        stop_signal: list[int] = []

        def on_signal(signum, _frame):
            stop_signal.append(signum)

        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, on_signal)

        for child in children:
            # Each child in its own process group: Ctrl-C reaches only us, and stopping a
            # child also stops what it started (runserver's reloader, gunicorn's workers).
            child.process = subprocess.Popen(child.argv, start_new_session=True, stdin=subprocess.DEVNULL)
            self.stdout.write(f"Started the {child.name} (pid {child.process.pid}).")

        failed = None
        announced = False
        deadline = time.monotonic() + WEB_READY_SECONDS
        while not stop_signal and failed is None:
            for child in children:
                if child.process.poll() is not None:
                    failed = child
                    break
            if failed is None and not announced:
                if self.port_answers(host, port):
                    announced = True
                    self.announce(host, port)
                elif time.monotonic() > deadline:
                    self.stderr.write(f"The web server does not answer on {host}:{port} yet; still waiting.")
                    deadline = float("inf")
            time.sleep(0.2)

        if failed is not None:
            code = failed.process.returncode
            how = f"was killed by {signal.Signals(-code).name}" if code < 0 else f"exited with code {code}"
            self.stderr.write(f"The {failed.name} {how}; stopping the others.")
        else:
            self.stdout.write("Stopping…")
        self.stop_all(children)
        if failed is not None:
            return failed.process.returncode if failed.process.returncode > 0 else 1
        self.stdout.write("Stopped.")
        return 0

    def port_answers(self, host: str, port: int) -> bool:
        try:
            with socket.create_connection((host if host not in ("0.0.0.0", "::") else "127.0.0.1", port), 0.2):
                return True
        except OSError:
            return False

    @staticmethod
    def url(host: str, port: int) -> str:
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        if ":" in shown:
            shown = f"[{shown}]"
        return f"http://{shown}:{port}/"

    def announce(self, host: str, port: int) -> None:
        self.stdout.write(self.style.SUCCESS(f"\nFollowup is running on {self.url(host, port)}  (Ctrl-C to stop)"))
        self.stdout.write(self.login_hint() + "\n")

    @staticmethod
    def login_hint() -> str:
        try:
            from followup.core.demo import DEMO_PASSWORD, demo_exists
        except ImportError:
            demo_exists = None
        if demo_exists is not None and demo_exists():
            return f"Demo login: demo / {DEMO_PASSWORD} (`followup demo` lists every demo account)."
        return "Log in with an account from `followup createsuperuser`, or load demo data with `followup demo`."

    def stop_all(self, children: list[Child]) -> None:
        running = [c for c in children if c.process is not None and c.process.poll() is None]
        for child in running:
            self.signal_group(child, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in running:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"The {child.name} did not stop in {STOP_GRACE_SECONDS} s; killing it.")
                self.signal_group(child, signal.SIGKILL)
                child.process.wait()

    @staticmethod
    def signal_group(child: Child, signum: int) -> None:
        try:
            os.killpg(child.process.pid, signum)
        except ProcessLookupError:
            pass
