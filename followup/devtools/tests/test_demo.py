"""The demo: every role and feature, the services' invariants, and a past that looks like a
team's quarter (issue 13 §1.16). One demo is made for the whole module, inside a transaction
that is rolled back at the end; each test runs in a savepoint of it, as Django's
``setUpTestData`` does."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from followup.accounts.models import Organization, Role, User
from followup.devtools.bench.invariants import invariant_violations
from followup.devtools.demo import DEMO_PASSWORD, DEMO_SLUG
from followup.suggestions.models import NextTask, Suggestion
from followup.tasks.models import Task, TaskAssignment


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
                call_command("demo")  # as the suite's _fast_password_hashing, which is per test
            yield Organization.objects.get(slug=DEMO_SLUG).pk
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_once, db):
    return Organization.objects.get(pk=demo_once)


def spread(moments) -> dt.timedelta:
    moments = list(moments)
    return max(moments) - min(moments)


def test_demo_prints_the_login_and_password(demo, capsys):
    call_command("demo")
    out = capsys.readouterr().out
    assert f"demo / {DEMO_PASSWORD}" in out
    assert "http://127.0.0.1:8000" in out


def test_demo_runs_twice_without_creating_anything_more(demo):
    tasks, users = Task.objects.count(), User.objects.count()
    call_command("demo")
    assert (Task.objects.count(), User.objects.count()) == (tasks, users)
    assert Organization.objects.filter(slug=DEMO_SLUG).count() == 1


def test_demo_keeps_every_task_invariant(demo):
    assert invariant_violations(demo.pk) == dict.fromkeys(invariant_violations(demo.pk), 0)


def test_demo_has_every_role_and_department_heads(demo):
    roles = set(User.objects.filter(organization=demo).values_list("role", flat=True))
    assert roles == set(Role.values)
    assert all(d.head_id for d in demo.departments.all())


def test_demo_password_logs_in(demo, client):
    assert client.login(username="anna", password=DEMO_PASSWORD)


def test_demo_tasks_cover_unassigned_team_done_and_overdue(demo):
    tasks = Task.objects.filter(organization=demo)
    assert 250 <= tasks.count() <= 400
    assert tasks.filter(assignee_count=0).exists()
    assert tasks.filter(assignee_count__gte=2).exists()
    assert tasks.filter(is_pending=False, completed_at__isnull=False).count() >= 50
    assert tasks.filter(notes__isnull=False).exists()
    assert demo.customers.count() >= 300


def test_every_demo_worker_has_completed_a_task(demo):
    workers = User.objects.filter(organization=demo).exclude(role=Role.ADMIN)
    assert all(Task.objects.filter(completed_by=u).exists() for u in workers)
    assert TaskAssignment.objects.filter(organization=demo, is_pending=True).exists()


def test_demo_shows_deals_memos_projects_chat_and_reminders(demo):
    from followup.chat.models import Message
    from followup.deals.models import Deal, DealStatus
    from followup.memos.models import Memo, MemoStatus
    from followup.projects.models import Project
    from followup.reminders.models import Reminder

    deals = Deal.objects.filter(organization=demo)
    assert deals.count() == 16
    assert {DealStatus.OPEN, DealStatus.WON, DealStatus.LOST} <= set(deals.values_list("status", flat=True))
    memos = Memo.objects.filter(organization=demo)
    assert {MemoStatus.DRAFT, MemoStatus.SENT, MemoStatus.REVIEWED} <= set(memos.values_list("status", flat=True))
    assert Task.objects.filter(organization=demo, memo__deal__isnull=False).exists()  # J17 + J18
    project = Project.objects.get(organization=demo)
    assert project.tasks.count() == 4
    assert Message.objects.filter(organization=demo).count() == 3  # on the project and on a deal
    from followup.customers.models import StageChange

    assert StageChange.objects.filter(organization=demo).count() >= 10
    assert Reminder.objects.filter(organization=demo, owner__username="demo", fired_at__isnull=True).count() == 2


def test_demo_has_task_templates_one_applied_to_a_deal(demo):
    from followup.tasks.models import Source
    from followup.tasktemplates.models import PostSale, TaskTemplate

    names = set(TaskTemplate.objects.filter(organization=demo).values_list("name", flat=True))
    assert names == {"Post-sale care", "Onboarding a new customer"}
    assert PostSale.objects.filter(process__organization=demo, won_template__name="Post-sale care").exists()
    assert Task.objects.filter(organization=demo, source=Source.TEMPLATE, deal__isnull=False).count() == 3


def test_demo_customers_came_in_over_the_months(demo):
    since = list(demo.customers.values_list("created_at", flat=True))
    assert spread(since) > dt.timedelta(days=60)
    assert len({moment.date() for moment in since}) >= 40
    assert max(since) < timezone.now()


def test_demo_tasks_were_created_and_completed_on_many_days_at_work(demo):
    tasks = Task.objects.filter(organization=demo).select_related("owner")
    created = [t.created_at for t in tasks]
    completed = [t.completed_at for t in tasks if t.completed_at]
    assert spread(created) > dt.timedelta(days=60) and len({c.date() for c in created}) >= 40
    assert spread(completed) > dt.timedelta(days=60)
    assert all(t.created_at < t.completed_at < timezone.now() for t in tasks if t.completed_at)
    local = [t.created_at.astimezone(ZoneInfo(t.owner.time_zone)) for t in tasks]
    assert len({moment.hour for moment in local}) >= 8
    assert sum(moment.weekday() < 5 for moment in local) >= 0.95 * len(local)


def test_demo_history_and_notes_happen_after_their_task_was_created(demo):
    from followup.tasks.models import HistoryEntry, Note

    history = HistoryEntry.objects.filter(task__organization=demo).select_related("task")
    notes = Note.objects.filter(task__organization=demo).select_related("task")
    assert history.count() > 300 and notes.exists()
    assert all(h.created_at >= h.task.created_at for h in history)
    assert all(n.task.created_at < n.created_at < (n.task.completed_at or timezone.now()) for n in notes)
    assert spread(h.created_at for h in history) > dt.timedelta(days=60)


def test_demo_notifications_came_over_the_quarter_and_the_old_ones_are_read(demo):
    from followup.notifications.models import Notification

    notifications = list(Notification.objects.filter(organization=demo))
    assert spread(n.created_at for n in notifications) > dt.timedelta(days=60)
    read = [n for n in notifications if n.read_at]
    unread = [n for n in notifications if not n.read_at]
    assert read and unread and all(n.read_at >= n.created_at for n in read)
    month_ago = timezone.now() - dt.timedelta(days=30)
    assert sum(n.created_at < month_ago for n in unread) < 0.1 * len(unread)


def test_demo_won_deals_are_at_their_process_last_stage_and_lost_ones_on_the_way(demo):
    from followup.deals.models import Deal, DealStatus

    deals = Deal.objects.filter(organization=demo).select_related("process").prefetch_related("process__stages")
    won = [d for d in deals if d.status == DealStatus.WON]
    lost = [d for d in deals if d.status == DealStatus.LOST]
    assert won and lost
    assert all(d.stage == list(d.process.stages.all())[-1] for d in won)
    assert all(0 < list(d.process.stages.all()).index(d.stage) < d.process.stages.count() - 1 for d in lost)


def test_demo_deals_moved_stage_by_stage_over_days(demo):
    from followup.deals.models import Deal, DealAction

    for deal in Deal.objects.filter(organization=demo).select_related("process"):
        changes = list(deal.changes.order_by("created_at", "id"))
        assert changes[0].action == DealAction.CREATED and changes[0].created_at == deal.created_at
        moves = [c.new for c in changes if c.action == DealAction.STAGE]
        assert moves == [s.name for s in deal.process.stages.all()][1:len(moves) + 1], deal
        gaps = [b.created_at - a.created_at for a, b in zip(changes, changes[1:], strict=False)]
        assert all(gap > dt.timedelta(hours=12) for gap in gaps), deal
    assert spread(Deal.objects.filter(organization=demo).values_list("created_at", flat=True)) > dt.timedelta(days=40)


def test_demo_deal_amounts_have_a_currency(demo):
    from followup.deals.models import CURRENCIES, Deal

    deals = Deal.objects.filter(organization=demo)
    assert all(d.amount > 0 and d.currency in CURRENCIES for d in deals)
    assert {"PLN", "GBP"} <= set(deals.values_list("currency", flat=True))


def test_demo_stage_changes_come_after_the_customer_came_in(demo):
    from followup.customers.models import StageChange

    changes = StageChange.objects.filter(organization=demo).select_related("customer")
    assert all(c.created_at > c.customer.created_at for c in changes)
    assert spread(c.created_at for c in changes) > dt.timedelta(days=30)


def test_demo_email_tasks_propose_a_phone_call_to_whoever_completed_them(demo):
    """L2: the demo's E-mail type has its next task, so completed e-mails left proposals."""
    rule = NextTask.objects.get(organization=demo, after_type__icon="mail")
    assert rule.next_type.icon == "phone"
    proposals = Suggestion.objects.filter(organization=demo)
    assert proposals.exists()
    assert all(s.user_id == s.source_task.completed_by_id for s in proposals.select_related("source_task"))


def test_demo_has_a_recurring_task(demo):
    """B3: the weekly review's last occurrence is done and the next one waits for Monday."""
    from followup.recurrence.models import Series

    series = Series.objects.get(organization=demo, title="Weekly pipeline review")
    occurrences = list(series.occurrences.select_related("task").order_by("starts_on"))
    assert [o.task.is_pending for o in occurrences] == [False, True]
    assert occurrences[1].starts_on.weekday() == 0 and occurrences[1].starts_on > occurrences[0].starts_on


def test_demo_has_a_birthday_trigger_that_made_its_calls_and_an_escalation(demo):
    from followup.datetriggers.models import DateTrigger
    from followup.escalations.models import EscalationRule
    from followup.notifications.models import Event, Notification
    from followup.tasks.models import Source

    trigger = DateTrigger.objects.get(organization=demo)
    calls = Task.objects.filter(source=Source.DATE_TRIGGER, origin_id=trigger.pk)
    assert calls.count() >= 2 and all(t.title.startswith("Birthday call: ") for t in calls)
    assert EscalationRule.objects.filter(organization=demo, overdue_hours=48).exists()
    assert Notification.objects.filter(organization=demo, event=Event.TASK_ESCALATED).exists()


def test_demo_has_rules_and_a_public_form_whose_address_is_printed(demo, capsys, client):
    """Issue 14: a newcomer sees automation work: a customer rule, a deal rule and a form."""
    from followup.automation.models import StageRule
    from followup.intake.models import Form

    rules = StageRule.objects.filter(organization=demo)
    assert rules.filter(stage="prospect", assign_to="round_robin").exists()
    assert rules.filter(deal_stage__isnull=False).exists()
    form = Form.objects.get(organization=demo)
    call_command("demo")
    assert f"http://127.0.0.1:8000/f/{form.slug}" in capsys.readouterr().out
    assert client.get(f"/f/{form.slug}").status_code == 200
