from django.core.management.base import BaseCommand

from followup.devtools.management.commands.bench_automation import _positive


class Command(BaseCommand):
    help = (
        "A1 at scale: N customers (100,000) with birthdays and contract ends over the year; times a day's "
        "run of a birthday and a contract-end trigger (target under 10 s) and a year of catching up, on the "
        "database DATABASE_URL points at. Makes and removes its own organization."
    )

    def add_arguments(self, parser):
        parser.add_argument("--customers", type=_positive, default=100_000, help="Customers (100,000).")

    def handle(self, *args, customers, **opts):
        from followup.devtools.bench.triggers import run

        for line in run(customers=customers).lines():
            self.stdout.write(line)
