"""Every write goes through the services, the Django admin's too (L8): what Settings keeps
(departments, teams, sales processes, a person's role and whether they may sign in) is read-only
there, and a task type saved there goes through ``tasks.config``."""

from followup.accounts.teams import team_create
from followup.tasks.models import TaskType


def test_departments_teams_and_processes_are_read_only_in_the_admin(world, client):
    client.force_login(world.adam)
    team = team_create(actor=world.adam, name="Inbound")
    for url in (f"/admin/accounts/department/{world.sales.pk}/change/", f"/admin/accounts/team/{team.pk}/change/"):
        assert client.get(url).status_code == 200
        client.post(url, {"name": "Renamed"})
    world.sales.refresh_from_db()
    team.refresh_from_db()
    assert (world.sales.name, team.name) == ("Sales", "Inbound")
    assert client.get("/admin/accounts/department/add/").status_code == 403


def test_a_persons_role_is_not_changed_in_the_admin(world, client):
    client.force_login(world.adam)
    html = client.get(f"/admin/accounts/user/{world.alice.pk}/change/").content.decode()
    assert 'name="role"' not in html and 'name="is_active"' not in html


def test_a_task_type_saved_in_the_admin_goes_through_the_service(world, client):
    client.force_login(world.adam)
    r = client.post("/admin/tasks/tasktype/add/", {"name": "Visit", "icon": "visit", "position": 9, "is_active": "on"})
    assert r.status_code == 302
    assert TaskType.objects.get(organization=world.org, name="Visit").icon == "visit"
