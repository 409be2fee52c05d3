"""``followup worker``: run background tasks, through database outages (see :mod:`followup.core.worker`)."""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from followup.core import liveness
from followup.core.worker import Worker


class Command(db_worker.Command):
    help = (
        "Run Followup's background tasks (delivering e-mail, and whatever the application enqueues). "
        "Start one or more. When the database goes away the worker waits and reconnects instead of "
        "exiting; while it runs, its heartbeat tells the others it is alive, so the e-mails it is "
        "sending are never sent by another, and those of a worker that died are taken over within "
        "a minute. Stops cleanly on Ctrl-C or SIGTERM, after the task that is running."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Every queue unless told otherwise, a readable name, and no auto-reload unless asked.
        parser.set_defaults(queue_name="*", worker_id=None, reload=False)

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name='*'.")
        worker = Worker(
            queue_names=queue_names, interval=interval, batch=batch, backend_name=backend_name,
            startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id or liveness.process_name("worker"),
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the child that runs the tasks
            run_with_reloader(worker.run)
            return
        worker.configure_signals()
        worker.run()
