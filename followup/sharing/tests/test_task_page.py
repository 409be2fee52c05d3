"""L7 on the task page: a read-only grantee sees the task but no form or button that the services
would refuse (note, chat, complete, edit, reschedule, delete, subtask); full access keeps them."""

import pytest
from django.urls import reverse

from followup.sharing.models import Level
from followup.tasks.services import note_add

pytestmark = pytest.mark.django_db


def _forms(html: str, task) -> dict[str, bool]:
    return {
        "note": f'action="{reverse("tasks:note_add", args=[task.pk])}"' in html,
        "chat": f'action="{reverse("chat:post", args=["task", task.pk])}"' in html,
        "complete": f'action="{reverse("tasks:complete", args=[task.pk])}"' in html,
        "edit": f'href="{reverse("tasks:edit", args=[task.pk])}"' in html,
        "reschedule": f'action="{reverse("tasks:reschedule", args=[task.pk])}"' in html,
        "delete": f'action="{reverse("tasks:delete", args=[task.pk])}"' in html,
    }


def test_a_read_only_grantee_sees_the_task_without_its_forms(login, world, secret, share):
    alice = share(Level.READ)
    note_add(actor=world.bob, task_id=secret.pk, body="Bring the contract")
    page = login(alice).get(reverse("tasks:detail", args=[secret.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and secret.title in html and "Bring the contract" in html
    assert _forms(html, secret) == dict.fromkeys(_forms(html, secret), False)
    assert "This task is shared with you read-only." in html
    assert "You may read this chat, not write in it." in html


def test_full_access_keeps_the_forms_but_not_delete(login, world, secret, share):
    alice = share(Level.FULL)
    html = login(alice).get(reverse("tasks:detail", args=[secret.pk])).content.decode()
    assert _forms(html, secret) == {"note": True, "chat": True, "complete": True, "edit": True,
                                    "reschedule": True, "delete": False}
    assert "shared with you read-only" not in html


def test_the_owner_sees_every_form(login, world, secret):
    html = login(world.bob).get(reverse("tasks:detail", args=[secret.pk])).content.decode()
    assert all(_forms(html, secret).values())


def test_the_chat_page_of_a_read_only_task_has_no_form(login, world, secret, share):
    alice = share(Level.READ)
    url = reverse("chat:thread", args=["task", secret.pk])
    assert f'action="{reverse("chat:post", args=["task", secret.pk])}"' not in login(alice).get(url).content.decode()
    assert f'action="{reverse("chat:post", args=["task", secret.pk])}"' in login(world.bob).get(url).content.decode()


def test_a_read_only_grantee_of_a_team_task_cannot_add_a_subtask_there(login, world, share):
    team = world.task("Launch", actor=world.bob, assignees=[world.bob, world.carol])
    alice = share(Level.READ)
    subtask_form = f'action="{reverse("tasks:subtask_add", args=[team.pk])}'
    assert subtask_form not in login(alice).get(reverse("tasks:detail", args=[team.pk])).content.decode()
    assert subtask_form in login(world.bob).get(reverse("tasks:detail", args=[team.pk])).content.decode()
