from datetime import timedelta

from django.utils import timezone

from followup.accounts.jobs import prune_login_failures
from followup.accounts.models import LoginFailure
from followup.core import scheduler


def test_prune_login_failures_is_registered():
    scheduler.autodiscover()

    assert "prune_login_failures" in scheduler.registered_jobs()


def test_prune_deletes_login_failures_older_than_a_day(db):
    old = LoginFailure.objects.create(username="alice", ip_address="127.0.0.1")
    recent = LoginFailure.objects.create(username="alice", ip_address="127.0.0.1")
    LoginFailure.objects.filter(id=old.id).update(created_at=timezone.now() - timedelta(days=2))

    summary = prune_login_failures()

    assert list(LoginFailure.objects.values_list("id", flat=True)) == [recent.id]
    assert summary == "deleted 1 login failure(s)"
