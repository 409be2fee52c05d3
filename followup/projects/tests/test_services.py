import pytest

from followup.core.exceptions import FieldErrors, NotAllowed, NotFound, StaleEdit
from followup.projects import selectors, services
from followup.projects.access import project_get


def project(world, **kwargs):
    return services.project_create(actor=world.alice, name="Launch", **kwargs)


def test_project_is_visible_to_owner_members_subscribers_and_managers(world):
    p = project(world, member_ids=[world.bob.pk], subscriber_ids=[world.oscar.pk])
    for viewer in (world.alice, world.bob, world.oscar, world.carol):
        assert project_get(actor=viewer, project_id=p.pk) == p


def test_project_is_hidden_from_others(world):
    p = project(world)
    with pytest.raises(NotFound):
        project_get(actor=world.user("dave"), project_id=p.pk)
    with pytest.raises(NotFound):
        project_get(actor=world.mallory, project_id=p.pk)


def test_task_operator_may_edit(world):
    p = project(world)
    assert services.project_update(actor=world.oscar, project_id=p.pk, name="Relaunch").name == "Relaunch"


def test_subscriber_may_not_edit(world):
    p = project(world, subscriber_ids=[world.bob.pk])
    with pytest.raises(NotAllowed):
        services.project_update(actor=world.bob, project_id=p.pk, name="Mine")


def test_name_is_required(world):
    with pytest.raises(FieldErrors) as exc:
        services.project_create(actor=world.alice, name=" ")
    assert "name" in exc.value.errors


def test_member_of_another_organization_is_refused(world):
    with pytest.raises(FieldErrors) as exc:
        project(world, member_ids=[world.mallory.pk])
    assert "member_ids" in exc.value.errors


def test_added_task_belongs_to_the_project_and_counts_in_progress(world):
    p = project(world)
    due = world.task().due_date
    task = services.project_task_create(actor=world.alice, project_id=p.pk, title="Write", due_date=due,
                                        assignee_ids=[world.alice.pk])
    assert task.project_id == p.pk
    assert selectors.project_progress(project=p) == (0, 1)


def test_edit_of_an_older_version_is_refused_and_changes_nothing(world):
    p = project(world, member_ids=[world.bob.pk])
    services.project_update(actor=world.alice, project_id=p.pk, version=1, name="Alice's")
    with pytest.raises(StaleEdit) as exc:
        services.project_update(actor=world.bob, project_id=p.pk, version=1, name="Bob's")
    assert exc.value.current == 2 and "project" in str(exc.value)
    p.refresh_from_db()
    assert (p.name, p.version) == ("Alice's", 2)
