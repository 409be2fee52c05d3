"""``followup bench_forms``: the round trip of a public form submission (D9), through Django's
test client against the configured database: each submission finds or makes a customer, makes
a task and stores its idempotency key. Prints the median and the 95th percentile (target p95
under 50 ms). Makes a throwaway organization and deletes it afterwards."""

import json
import statistics
import time
import uuid

from django.core.management.base import BaseCommand
from django.test import Client, override_settings

from followup.accounts.models import Role
from followup.accounts.services import organization_create, user_create
from followup.automation.models import AssignTo
from followup.intake.models import Form
from followup.tasks.models import Task


class Command(BaseCommand):
    help = "Time N public form submissions and print their median and p95."

    def add_arguments(self, parser):
        parser.add_argument("-n", type=int, default=200)

    def handle(self, *args, n: int, **options):
        tag = uuid.uuid4().hex[:8]
        org = organization_create(name=f"Bench forms {tag}", slug=f"bench-forms-{tag}")
        admin = user_create(organization=org, username=f"bench-forms-{tag}", password=uuid.uuid4().hex,
                            role=Role.ADMIN)
        form = Form.objects.create(organization=org, author=admin, name="Bench", slug=f"bench-{tag}",
                                   fields=[{"field": "name", "label": "Name", "required": True},
                                           {"field": "email", "label": "E-mail", "required": True}],
                                   make_task=True, task_title="Reply to {customer}", assign_to=AssignTo.FIXED,
                                   assign_user=admin)
        client, times = Client(), []
        try:
            with override_settings(FOLLOWUP_FORM_SUBMISSIONS_PER_MINUTE=n + 1, ALLOWED_HOSTS=["*"]):
                for i in range(n):
                    body = json.dumps({"name": f"Visitor {i}", "email": f"v{i}-{tag}@example.org"})
                    started = time.perf_counter()
                    response = client.post(f"/f/{form.slug}", body, content_type="application/json",
                                           headers={"Idempotency-Key": f"{tag}-{i}"})
                    times.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 201:
                        raise SystemExit(f"submission {i} answered {response.status_code}: {response.content[:200]}")
        finally:
            Task.objects.filter(organization=org).delete()  # tasks protect their statuses
            org.delete()
        p95 = statistics.quantiles(times, n=20)[-1]
        self.stdout.write(f"form submission round trip over {n}: median {statistics.median(times):.1f} ms, "
                          f"p95 {p95:.1f} ms (target p95 < 50 ms)")
