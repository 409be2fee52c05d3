"""``followup run``: everything a newcomer needs in one command.

Migrates the database, loads demo data on first start, then starts three processes, the web
server, the background worker and the scheduler, and keeps them running: one that dies is
started again after a back-off and the others carry on (``devtools.supervisor``). Ctrl-C or
SIGTERM stops all three.
"""

import socket
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from followup.core.secret_key import secret_key_for_this_machine
from followup.devtools.demo import DEMO_PASSWORD, demo_exists
from followup.devtools.demo.automation import form_url
from followup.devtools.supervisor import STOP_GRACE_SECONDS, Child, Supervisor

WEB_READY_SECONDS = 30


def followup_argv(*args: str) -> list[str]:
    """The ``followup`` command for a child process, with this interpreter and environment."""
    return [sys.executable, "-m", "followup.cli", *args]


# The background worker's command line, in this one place: the worker that waits out a
# database outage (issue 13 §3.1): `followup worker`, every queue.
WORKER_ARGV = followup_argv("worker")
SCHEDULER_ARGV = followup_argv("scheduler")


class Command(BaseCommand):
    help = (
        "Run Followup on this machine: migrate the database, load demo data on first start, then "
        "serve the web UI and API (gunicorn, or Django's runserver when FOLLOWUP_DEBUG=1) together "
        "with the background worker and the scheduler. A process that dies is started again (after 1 s, "
        "doubling to 30 s while it keeps dying); the others carry on. Ctrl-C stops everything."
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
        # Pages name static files by their hashed names (issue 16 §2), which the manifest that
        # collectstatic writes maps; unchanged files are skipped, so a restart takes a moment.
        call_command("collectstatic", interactive=False, verbosity=0)
        if not no_demo:
            self.load_demo_on_first_start(base_url=self.url(host, port))

        children = [Child("web server", self.web_argv(host, port, workers))]
        if not no_worker:
            children.append(Child("worker", WORKER_ARGV))
        if not no_scheduler:
            children.append(Child("scheduler", SCHEDULER_ARGV))
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
        """Run the children until a stop signal, saying once when the web server answers."""
        announced = False
        deadline = time.monotonic() + WEB_READY_SECONDS

        def tick():
            nonlocal announced, deadline
            if announced:
                return
            if self.port_answers(host, port):
                announced = True
                self.announce(host, port)
            elif time.monotonic() > deadline:
                self.stderr.write(f"The web server does not answer on {host}:{port} yet; still waiting.")
                deadline = float("inf")

        return Supervisor(children, out=self.stdout.write, err=self.stderr.write, tick=tick).run()

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
        self.stdout.write(self.login_hint(self.url(host, port)) + "\n")

    @staticmethod
    def login_hint(base_url: str) -> str:
        if demo_exists():
            hint = f"Demo login: demo / {DEMO_PASSWORD} (`followup demo` lists every demo account)."
            url = form_url(base_url)
            return f"{hint}\nThe demo's public form: {url}" if url else hint
        return "Log in with an account from `followup createsuperuser`, or load demo data with `followup demo`."
