"""L8: Settings are for administrators only: every page answers 403 to members, task operators
and company managers, sends a stranger to sign in, and shows the administrator its page; the
Settings link is in the administrator's navigation only."""

import pytest
from django.urls import reverse

from followup.accounts.models import Department, Team
from followup.deals.models import SalesProcess, SalesStage
from followup.tasks.models import TaskStatus, TaskType


def pages(world):
    team = Team.objects.create(organization=world.org, name="Inbound")
    status = TaskStatus.objects.filter(organization=world.org).first()
    process = SalesProcess.objects.get(organization=world.org)
    return [
        reverse("setup:general"), reverse("setup:people"), reverse("setup:person", args=[world.alice.pk]),
        reverse("setup:departments"), reverse("setup:department", args=[world.sales.pk]),
        reverse("setup:teams"), reverse("setup:team", args=[team.pk]), reverse("setup:task_types"),
        reverse("setup:task_statuses"), reverse("setup:task_status_replace", args=[status.pk]),
        reverse("setup:status_moves"), reverse("setup:processes"), reverse("setup:process", args=[process.pk]),
    ]


def test_an_administrator_sees_every_settings_page(world, login):
    client = login(world.adam)
    for url in pages(world):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["alice", "bob", "carol", "oscar"])
def test_everyone_else_is_refused_every_page_and_every_write(world, login, who):
    client = login(getattr(world, who))
    for url in pages(world):
        r = client.get(url)
        assert r.status_code == 403, url
        assert "Only administrators" in r.content.decode()
    stage = SalesStage.objects.filter(process__organization=world.org).first()
    writes = [
        (reverse("setup:people"), {"email": "new@example.com"}),
        (reverse("setup:person", args=[world.alice.pk]), {"role": "admin"}),
        (reverse("setup:person_deactivate", args=[world.bob.pk]), {}),
        (reverse("setup:switch", args=["tasks_enabled"]), {}),
        (reverse("setup:task_types"), {"name": "Visit", "icon": "visit"}),
        (reverse("setup:task_statuses"), {"name": "Waiting", "category": "open", "color": "slate"}),
        (reverse("setup:stage", args=[stage.pk]), {"action": "rename", "name": "Renamed"}),
        (reverse("setup:departments"), {"name": "Support"}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == 403, url
    assert world.org.users.filter(email="new@example.com").count() == 0
    assert not TaskType.objects.filter(organization=world.org, name="Visit").exists()
    assert not Department.objects.filter(name="Support").exists()
    world.alice.refresh_from_db()
    assert world.alice.role == "member" and stage.name != "Renamed"


def test_a_stranger_is_sent_to_sign_in(client):
    r = client.get(reverse("setup:people"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


def test_another_organizations_rows_are_not_found(world, login):
    client = login(world.adam)
    foreign_team = Team.objects.create(organization=world.other_org, name="Theirs")
    foreign_status = TaskStatus.objects.filter(organization=world.other_org).first()
    foreign_process = SalesProcess.objects.get(organization=world.other_org)
    for url in (reverse("setup:person", args=[world.mallory.pk]), reverse("setup:team", args=[foreign_team.pk]),
                reverse("setup:task_status_replace", args=[foreign_status.pk]),
                reverse("setup:process", args=[foreign_process.pk])):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("setup:person_deactivate", args=[world.mallory.pk])).status_code == 404
    world.mallory.refresh_from_db()
    assert world.mallory.is_active


def test_the_settings_link_is_in_the_administrators_menus_only(world, login):
    settings_url = reverse("setup:general")
    # the wide screen's bar, the phone's More menu, the avatar menu
    assert login(world.adam).get(reverse("customers:list")).content.decode().count(f'href="{settings_url}"') == 3
    assert f'href="{settings_url}"' not in login(world.carol).get(reverse("customers:list")).content.decode()
