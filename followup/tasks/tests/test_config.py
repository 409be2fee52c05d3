"""L6: exactly one default status per organization, active and open, kept by ``tasks.config``."""

import pytest

from followup.core.exceptions import FieldErrors
from followup.tasks.config import task_status_save
from followup.tasks.models import StatusCategory, TaskStatus


def default_of(org):
    return list(TaskStatus.objects.filter(organization=org, is_default=True).values_list("name", flat=True))


def test_making_a_status_the_default_takes_the_mark_from_the_old_one(world):
    new = TaskStatus(organization=world.org, name="Inbox", category=StatusCategory.OPEN, is_default=True)

    task_status_save(status=new)

    assert default_of(world.org) == ["Inbox"]


def test_the_default_cannot_be_unmarked_without_another(world):
    current = TaskStatus.objects.get(organization=world.org, is_default=True)
    current.is_default = False

    with pytest.raises(FieldErrors) as exc:
        task_status_save(status=current)

    assert "is_default" in exc.value.errors
    assert default_of(world.org) == [current.name]


def test_the_default_must_be_open(world):
    done = TaskStatus.objects.get(organization=world.org, category=StatusCategory.DONE)
    done.is_default = True

    with pytest.raises(FieldErrors) as exc:
        task_status_save(status=done)

    assert "is_default" in exc.value.errors


def test_the_default_must_be_active(world):
    current = TaskStatus.objects.get(organization=world.org, is_default=True)
    current.is_active = False

    with pytest.raises(FieldErrors) as exc:
        task_status_save(status=current)

    assert "is_active" in exc.value.errors


def test_admin_refuses_a_second_default_status_with_a_message(client, world):
    client.force_login(world.adam)
    in_progress = TaskStatus.objects.get(organization=world.org, category=StatusCategory.IN_PROGRESS)

    r = client.post(f"/admin/tasks/taskstatus/{in_progress.pk}/change/", {
        "name": in_progress.name, "position": 1, "is_default": "on", "is_active": "on", "color": "blue",
    })

    assert r.status_code == 200
    assert "open category" in r.content.decode()
    assert TaskStatus.objects.get(pk=in_progress.pk).is_default is False


def test_admin_cannot_change_a_status_category(client, world):
    client.force_login(world.adam)
    open_status = TaskStatus.objects.get(organization=world.org, is_default=True)

    client.post(f"/admin/tasks/taskstatus/{open_status.pk}/change/", {
        "name": open_status.name, "category": StatusCategory.DONE, "position": 0, "is_default": "on",
        "is_active": "on", "color": "slate",
    })

    assert TaskStatus.objects.get(pk=open_status.pk).category == StatusCategory.OPEN
