"""``followup bench_calendar`` runs end to end on a small month and cleans up after itself."""

from django.core.management import call_command

from followup.accounts.models import Organization
from followup.devtools.bench.calendar import SLUG


def test_the_calendar_bench_measures_the_month_view_and_removes_its_organization(db, capsys):
    call_command("bench_calendar", tasks=60, runs=3)
    out = capsys.readouterr().out
    assert "Calendar month view, 60 tasks (events JSON): median" in out
    assert "3 queries" in out and "CPU time of this process per request: p95" in out
    assert not Organization.objects.filter(slug=SLUG).exists()
