import pytest
from django.core.management import call_command

from followup.accounts.models import Organization, Role, User
from followup.devtools.bench.invariants import invariant_violations
from followup.devtools.demo import DEMO_PASSWORD, DEMO_SLUG
from followup.tasks.models import Task, TaskAssignment


@pytest.fixture
def demo(db, capsys):
    call_command("demo")
    return Organization.objects.get(slug=DEMO_SLUG)


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

    assert StageChange.objects.filter(organization=demo).count() == 1
    assert Reminder.objects.filter(organization=demo, owner__username="demo", fired_at__isnull=True).count() == 2
