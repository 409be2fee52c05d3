"""``followup bench_sync``: a phone's offline sync (A2) of 10,000 tasks, then of 1,000 changes."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from followup.devtools.bench.generate import ensure_database


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Create a 'Bench Sync' organization whose one member sees 10,000 tasks (in the database DATABASE_URL "
        "points at), sync them from cursor 0 through GET /api/v1/sync, change 1,000 of them, sync again from "
        "the cursor, and report the page times (median, p95, max) of both. The organization is removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=int, default=10_000, help="Tasks the member sees (10,000).")
        parser.add_argument("--changes", type=int, default=1_000, help="Tasks changed before the second sync.")
        parser.add_argument("--size", type=int, default=500, help="Page size asked for (500).")

    def handle(self, *args, tasks, changes, size, **opts):
        from followup.devtools.bench import sync as bench

        ensure_database(log=self.stdout.write)
        call_command("migrate", verbosity=0, interactive=False)
        for line in bench.run(tasks=tasks, changes=changes, size=size, log=self.stdout.write):
            self.stdout.write(line)
