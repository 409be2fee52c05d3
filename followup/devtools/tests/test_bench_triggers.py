"""``followup bench_triggers`` runs end to end on a small organization and cleans up after itself."""

from django.core.management import call_command

from followup.accounts.models import Organization
from followup.devtools.bench.triggers import SLUG


def test_bench_triggers_runs_and_removes_its_organization(db, capsys):
    call_command("bench_triggers", "--customers", "730")

    out = capsys.readouterr().out
    assert "customers: 730" in out and "a day's scheduled run" in out and "a year of catching up" in out
    assert not Organization.objects.filter(slug=SLUG).exists()
