"""``followup bench_http``: My pending's throughput under gunicorn next to its plain twin (issue 16 §3)."""

import os

from django.core.management.base import BaseCommand, CommandError

from followup.core.secret_key import secret_key_for_this_machine
from followup.devtools.bench import generate, http, twins
from followup.devtools.bench.cases import pick_people
from followup.devtools.management.commands.bench import _positive


class Command(BaseCommand):
    help = (
        "Serve Followup with gunicorn (2 workers) on loopback and drive My pending and its plain Django "
        "twin in turn, as the bench organization's typical member, from a few keep-alive connections; "
        "print requests per second and their ratio (issue 16 §3: at least 0.8). Needs the organization "
        "of `followup bench` in the same database. Example: followup bench --tasks 50000 --customers 5000 "
        "&& followup bench_http --seconds 10"
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=_positive, default=10, help="Seconds per URL and round (10).")
        parser.add_argument("--rounds", type=_positive, default=3, help="Rounds, each URL in turn (3).")
        parser.add_argument("--connections", type=_positive, default=4, help="Concurrent connections (4).")
        parser.add_argument("--workers", type=_positive, default=2, help="gunicorn workers (2).")

    def handle(self, *args, **opts):
        org = generate.bench_organization()
        if org is None:
            raise CommandError("No bench organization in this database: run `followup bench` first.")
        secret_key_for_this_machine()  # the workers refuse the public development key
        member, _manager, _task = pick_people(org)
        out = self.stdout.write
        out(f"My pending as {member.username}, {opts['connections']} connections, {opts['workers']} gunicorn "
            f"workers, {opts['rounds']} rounds of {opts['seconds']} s per URL:")
        result = http.measure(user=member, page_url="/tasks/", twin_url=twins.url("my-pending"),
                              seconds=opts["seconds"], rounds=opts["rounds"], connections=opts["connections"],
                              workers=opts["workers"], log=out)
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        verdict = "holds" if result.holds else "does NOT hold"
        out(f"Median ratio {result.ratio}x (bar {http.THROUGHPUT_BAR}x: {verdict}); load average {load}.")
