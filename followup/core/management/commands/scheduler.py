"""``followup scheduler``: run periodic jobs (see :mod:`followup.core.scheduler`)."""

from django.core.management.base import BaseCommand, CommandError

from followup.core import liveness, scheduler


class Command(BaseCommand):
    help = (
        "Run Followup's periodic jobs (pruning old records; later reminders and escalations). "
        "Safe to run in several processes at once: each due run fires in exactly one of them. "
        "When the database goes away it waits and reconnects. "
        "Stops cleanly on Ctrl-C or SIGTERM, after the job that is running."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true",
            help="Run the jobs that are due now, then exit (for cron, tests and debugging).",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, metavar="SECONDS",
            help="How often to check for due jobs (default: %(default)s).",
        )
        parser.add_argument("--list", action="store_true", help="List the registered jobs and exit.")

    def handle(self, *args, once, interval, list, **options):
        if interval <= 0:
            raise CommandError("--interval must be a positive number of seconds.")
        scheduler.autodiscover()
        jobs = scheduler.registered_jobs()
        if list:
            for job in jobs.values():
                self.stdout.write(f"{job.name}\tevery {job.every}\t{job.path}")
            return
        loop = scheduler.Scheduler(jobs=jobs.values(), interval=interval)
        if once:
            runs = loop.run_once()
            self.stdout.write(f"ran {len(runs)} job(s)" + "".join(f"\n  {r.name}: {r.summary}" for r in runs))
            return
        loop.handle_signals()
        heartbeat = liveness.Heartbeat(kind="scheduler").start()  # the e-mails its outbox sweep sends are its own
        try:
            loop.run_forever()
        finally:
            heartbeat.stop()
