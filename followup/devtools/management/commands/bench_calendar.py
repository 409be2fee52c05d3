"""``followup bench_calendar``: the month view of a person with 2,000 tasks in the month (L9)."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

from followup.devtools.bench.generate import ensure_database


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Create a 'Calendar Bench' organization whose member has 2,000 tasks in this month (in the database "
        "DATABASE_URL points at), then time the calendar's events endpoint for the month view through the "
        "whole stack and report the median and p95. Target: p95 under 100 ms. The bench organization is "
        "removed afterwards unless --keep."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=int, default=2_000, help="Tasks of the member in the month (2,000).")
        parser.add_argument("--runs", type=int, default=50, help="Timed requests (50).")
        parser.add_argument("--keep", action="store_true", help="Keep the bench organization afterwards.")

    def handle(self, *args, tasks, runs, keep, **opts):
        from followup.devtools.bench import calendar as bench

        ensure_database(log=self.stdout.write)
        call_command("migrate", verbosity=0, interactive=False)
        result, cpu_p95 = bench.run(n=tasks, runs=runs, log=self.stdout.write)
        verdict = "ok" if result.ok else "TOO SLOW"
        self.stdout.write(
            f"{result.name}: median {result.median_ms} ms, p95 {result.p95_ms} ms (target < {result.target_ms:.0f} ms, "
            f"{verdict}); {result.queries} queries, SQL {result.sql_ms} ms; measured the {result.measured} "
            f"{result.url} {result.runs} times. {result.note}".rstrip())
        self.stdout.write(f"  CPU time of this process per request: p95 {cpu_p95} ms; load average now "
                          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")
        if not keep:
            bench.bench_delete(log=self.stdout.write)
