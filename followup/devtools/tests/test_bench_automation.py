"""``followup bench_automation`` runs end to end on a small organization and cleans up after itself."""

from django.core.management import call_command

from followup.accounts.models import Organization
from followup.devtools.bench.automation import SLUG


def test_bench_automation_runs_and_removes_its_organization(db, capsys):
    call_command("bench_automation", "--customers", "50")

    out = capsys.readouterr().out
    assert "customers moved: 50; tasks made: 50" in out and "tasks/s" in out and "Followup / plain" in out
    assert not Organization.objects.filter(slug=SLUG).exists()
