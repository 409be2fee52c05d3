import os

from django.core.management.base import BaseCommand, CommandError


def _positive(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise ValueError(raw)
    return value


class Command(BaseCommand):
    help = (
        "D8 at scale: move N customers (100,000) to a stage under one rule assigning round-robin over a "
        "department, and time it from the move to the last task (tasks, assignments, history, digests) "
        "against plain bulk_create of the same rows, on the database DATABASE_URL points at. Makes and "
        "removes its own organization."
    )

    def add_arguments(self, parser):
        parser.add_argument("--customers", type=_positive, default=100_000, help="Customers to move (100,000).")

    def handle(self, *args, customers, **opts):
        from followup.devtools.bench.automation import run

        if not os.environ.get("DATABASE_URL") and customers > 20_000:
            self.stderr.write("Note: on SQLite; the 5,000 tasks/s target is for PostgreSQL.")
        try:
            figures = run(customers=customers)
        except KeyboardInterrupt as exc:
            raise CommandError("interrupted") from exc
        load = os.getloadavg()
        for line in figures.lines():
            self.stdout.write(line)
        self.stdout.write(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
