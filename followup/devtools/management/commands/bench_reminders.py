"""``followup bench_reminders``: 10,000 reminders due at once, delivered in-app and by e-mail."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from followup.devtools.bench.generate import ensure_database


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Create a 'Reminders Bench' organization with 10,000 reminders that fall due at the same moment "
        "(in the database DATABASE_URL points at), start a `followup scheduler` process (its reminders job) "
        "and `followup worker` processes that send through a local SMTP server started for the run, and "
        "report the total time and the median and p95 lateness (delivery time minus the reminder's time) "
        "of the in-app notifications and of the e-mails. Targets: under 20 s in total, median lateness "
        "under 2 s. The previous bench organization is removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reminders", type=int, default=10_000, help="Reminders due at once (10,000).")
        parser.add_argument("--workers", type=int, default=4,
                            help="Worker processes (followup worker) delivering the outbox (4).")
        parser.add_argument("--lead", type=float, default=6.0,
                            help="Seconds between creating the reminders and their due time (6).")
        parser.add_argument("--keep", action="store_true", help="Keep the bench organization afterwards.")

    def handle(self, *args, reminders, workers, lead, keep, **opts):
        from followup.devtools.bench import reminders as bench

        ensure_database(log=self.stdout.write)
        call_command("migrate", verbosity=0, interactive=False)
        figures = bench.run(n=reminders, workers=max(1, workers), lead=lead, log=self.stdout.write)
        for line in figures.lines():
            self.stdout.write(line)
        if not keep:
            bench.bench_delete(log=self.stdout.write)
