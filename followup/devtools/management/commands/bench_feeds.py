"""``followup bench_feeds``: a calendar feed of 2,000 tasks, fetched as calendar clients poll it (B1)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from followup.devtools.bench.generate import ensure_database


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Create a 'Feeds Bench' organization with one person of 2,000 tasks (in the database DATABASE_URL "
        "points at), fetch their calendar feed through the whole Django stack, and report the first fetch, "
        "median and p95 of full fetches and of 304 answers, and of the busy feed of a colleague they share "
        "with. Target: full fetch p95 under 100 ms. The bench organization is removed afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=int, default=2000, help="Tasks in the feed (2,000).")
        parser.add_argument("--runs", type=int, default=50, help="Measured fetches of each kind (50).")
        parser.add_argument("--keep", action="store_true", help="Keep the bench organization afterwards.")

    def handle(self, *args, tasks, runs, keep, **opts):
        from followup.devtools.bench import feeds as bench

        ensure_database(log=self.stdout.write)
        call_command("migrate", verbosity=0, interactive=False)
        figures = bench.run(tasks=tasks, runs=max(1, runs))
        for line in figures.lines():
            self.stdout.write(line)
        if not keep:
            bench.bench_delete()
