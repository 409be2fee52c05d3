"""The project edit page under concurrent edits: the form carries its version, and a stale save
keeps the user's input with a warning instead of overwriting the newer version."""

from django.test import Client

from followup.projects.models import Project
from followup.projects.services import project_create


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _save(client, project, version, name):
    members = list(project.members.values_list("pk", flat=True))
    return client.post(f"/projects/{project.pk}/edit/", {"name": name, "description": "Typed text", "status": "open",
                                                        "member_ids": members, "version": version})


def test_edit_form_carries_the_version_it_was_loaded_with(world):
    project = project_create(actor=world.alice, name="Launch")
    page = _client(world.alice).get(f"/projects/{project.pk}/edit/").content.decode()
    assert '<input type="hidden" name="version" value="1">' in page


def test_second_save_of_one_version_warns_and_keeps_the_input(world):
    project = project_create(actor=world.alice, name="Launch", member_ids=[world.bob.pk])
    assert _save(_client(world.alice), project, 1, "Alice's name").status_code == 302
    r = _save(_client(world.bob), project, 1, "Bob's name")
    page = r.content.decode()
    assert r.status_code == 409 and "Changed by someone else." in page
    assert 'value="Bob&#x27;s name"' in page and "Typed text" in page
    assert '<input type="hidden" name="version" value="2">' in page
    assert Project.objects.get(pk=project.pk).name == "Alice's name"


def test_saving_again_after_the_warning_overwrites_knowingly(world):
    project = project_create(actor=world.alice, name="Launch", member_ids=[world.bob.pk])
    _save(_client(world.alice), project, 1, "Alice's name")
    assert _save(_client(world.bob), project, 2, "Bob's name").status_code == 302
    assert Project.objects.get(pk=project.pk).name == "Bob's name"


def test_project_edit_without_a_version_is_refused(world):
    project = project_create(actor=world.alice, name="Launch")
    r = _save(_client(world.alice), project, "x", "Blind")
    assert r.status_code == 422 and "Reload the page and try again." in r.content.decode()
    assert Project.objects.get(pk=project.pk).name == "Launch"
