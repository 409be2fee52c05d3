"""The reminders benchmark: 10,000 reminders fall due at once; how long until every owner has
the in-application notification and the e-mail, and how late each was.

It runs the real delivery path on the database DATABASE_URL points at: the scheduler running
the ``reminders_fire`` job (a thread, as a ``followup scheduler`` process would) and outbox
workers (threads, as ``followup worker`` processes would) sending through Django's SMTP
backend to a local aiosmtpd server started here, which notes when each e-mail arrives.
"""

import datetime as dt
import socket
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from followup.accounts.models import Organization
from followup.accounts.services import organization_create, user_create
from followup.core.dburl import database_url
from followup.customers.models import Customer
from followup.notifications.models import Event, Notification, OutboxEmail
from followup.reminders.models import Reminder

SLUG = "bench-reminders"


@dataclass
class Figures:
    reminders: int
    workers: int
    database: str
    total_s: float = 0.0
    fired_s: float = 0.0
    in_app_lateness: list[float] = field(default_factory=list)
    email_lateness: list[float] = field(default_factory=list)
    emails_received: int = 0
    duplicates: int = 0

    @staticmethod
    def pct(values: list[float], p: float) -> float:
        if not values:
            return float("nan")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    def lines(self) -> list[str]:
        def row(name, values):
            return (f"  {name:<22} median {statistics.median(values):6.2f} s   p95 {self.pct(values, 95):6.2f} s   "
                    f"max {max(values):6.2f} s" if values else f"  {name:<22} none")
        return [
            f"Reminders bench on {self.database}: {self.reminders:,} reminders due at once, "
            f"{self.workers} outbox worker(s)",
            f"  all fired (in-app) after {self.fired_s:.2f} s; every e-mail received after {self.total_s:.2f} s "
            f"(target < 20 s)",
            row("in-app lateness", self.in_app_lateness),
            row("e-mail lateness", self.email_lateness),
            f"  e-mails received {self.emails_received:,}, duplicates {self.duplicates}",
        ]


class _Arrivals:
    def __init__(self):
        self.at: dict[str, list[float]] = {}
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        subject = ""
        for line in envelope.content.split(b"\r\n"):
            if line.startswith(b"Subject: "):
                subject = line[9:].decode(errors="replace")
                break
        with self.lock:
            self.at.setdefault(subject, []).append(time.time())
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return sum(len(v) for v in self.at.values())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_delete(log: Callable[[str], None] = print) -> None:
    org = Organization.objects.filter(slug=SLUG).first()
    if org is None:
        return
    with transaction.atomic():
        Notification.objects.filter(organization=org).delete()
        OutboxEmail.objects.filter(organization=org).delete()
        Reminder.objects.filter(organization=org).delete()
        org.delete()
    log("Removed the previous reminders bench organization.")


def prepare(n: int, *, users: int, lead: float) -> tuple[Organization, dt.datetime]:
    """A bench organization with ``users`` people and ``n`` reminders due ``lead`` seconds from now."""
    org = organization_create(name="Reminders Bench", slug=SLUG)
    people = [user_create(organization=org, username=f"rb{i}", email=f"rb{i}@bench.invalid") for i in range(users)]
    customers = Customer.objects.bulk_create([Customer(organization=org, name=f"Bench customer {i}")
                                              for i in range(100)])
    ct = ContentType.objects.get_for_model(Customer)
    due = timezone.now() + dt.timedelta(seconds=lead)
    Reminder.objects.bulk_create([
        Reminder(organization=org, owner=people[i % users], content_type=ct, object_id=customers[i % 100].pk,
                 target_label=f"bench {i}", target_url=f"/customers/{customers[i % 100].pk}/", remind_at=due)
        for i in range(n)
    ], batch_size=1000)
    return org, due


def _child_env(port: int) -> dict[str, str]:
    """Environment of the scheduler and worker processes: this database, the bench SMTP server."""
    import os

    return {**os.environ, "DATABASE_URL": database_url(), "FOLLOWUP_EMAIL_HOST": "127.0.0.1",
            "FOLLOWUP_EMAIL_PORT": str(port), "FOLLOWUP_EMAIL_TLS": "false", "FOLLOWUP_EMAIL_USER": "",
            "FOLLOWUP_EMAIL_PASSWORD": ""}


def run(*, n: int = 10_000, workers: int = 4, users: int = 50, lead: float = 6.0, timeout: float = 300,
        log: Callable[[str], None] = print) -> Figures:
    """Start a ``followup scheduler`` and ``workers`` ``followup worker`` processes, let ``n``
    reminders fall due, and measure until the SMTP server has received every e-mail."""
    import logging
    import signal
    import subprocess
    import sys

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    bench_delete(log)
    arrivals = _Arrivals()
    port = _free_port()
    controller = Controller(arrivals, hostname="127.0.0.1", port=port)
    controller.start()
    env = _child_env(port)
    cli = [sys.executable, "-m", "followup.cli"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    procs = [subprocess.Popen([*cli, "scheduler", "--interval", "0.5"], env=env, **quiet)]
    procs += [subprocess.Popen([*cli, "worker", "--interval", "0.1", "--no-startup-delay",
                                "--no-reload"], env=env, **quiet) for _ in range(workers)]
    try:
        org, due = prepare(n, users=users, lead=lead)
        log(f"Created {n:,} reminders due at {due:%H:%M:%S} UTC; 1 scheduler and {workers} worker process(es).")
        deadline = time.time() + lead + timeout
        fired_at = None
        while time.time() < deadline:
            if fired_at is None and time.time() > due.timestamp() and not Reminder.objects.filter(
                    organization=org, fired_at__isnull=True).exists():
                fired_at = time.time()
            if arrivals.count() >= n:
                break
            time.sleep(0.05)
        done_at = time.time()
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        controller.stop()

    due_ts = due.timestamp()
    figures = Figures(reminders=n, workers=workers, database=f"{connection.vendor} {connection.settings_dict['NAME']}")
    figures.total_s = done_at - due_ts
    figures.fired_s = (fired_at or done_at) - due_ts
    created = Notification.objects.filter(organization=org, event=Event.REMINDER_DUE).values_list("created_at",
                                                                                                  flat=True)
    figures.in_app_lateness = [(c - due).total_seconds() for c in created]
    figures.email_lateness = [min(times) - due_ts for times in arrivals.at.values()]
    figures.emails_received = arrivals.count()
    figures.duplicates = figures.emails_received - len(arrivals.at)
    return figures
