"""Optimistic concurrency of memos and projects over the API: the ETag is the version, an edit
must name the version it was made on (body or If-Match), and of two edits of one version the
second is answered 409 and changes nothing."""


import pytest

from followup.api.tests.conftest import simultaneous_patches
from followup.memos.models import Memo
from followup.memos.services import memo_create
from followup.projects.models import Project
from followup.projects.services import project_create


def _memo(world):
    """A draft of alice's; only its author edits a memo (J16), so her two tabs race."""
    memo = memo_create(actor=world.alice, title="Pricing", recipient_id=world.bob.pk)
    return f"memos/{memo.pk}", "title", Memo, memo.pk, (world.alice, world.alice)


def _project(world):
    project = project_create(actor=world.alice, name="Launch", member_ids=[world.bob.pk])
    return f"projects/{project.pk}", "name", Project, project.pk, (world.alice, world.bob)


KINDS = pytest.mark.parametrize("make", [_memo, _project], ids=["memo", "project"])


@KINDS
def test_get_answers_with_the_version_as_etag(world, api, make):
    path, _field, _model, _pk, (editor, _other) = make(world)
    r = api(editor).get(path)
    assert r["ETag"] == '"1"' and r.json()["version"] == 1


@KINDS
def test_second_edit_of_one_version_is_409_and_changes_nothing(world, api, make):
    path, field, model, pk, (first, second) = make(world)
    r = api(first).patch(path, {"version": 1, field: "First"})
    assert r.status_code == 200 and r["ETag"] == '"2"' and r.json()["version"] == 2
    r = api(second).patch(path, {"version": 1, field: "Second"})
    assert r.status_code == 409
    assert r.json()["version"] == 2 and "someone else" in r.json()["detail"]
    assert getattr(model.objects.get(pk=pk), field) == "First"


@KINDS
def test_if_match_carries_the_version(world, api, make):
    path, field, model, pk, (editor, _other) = make(world)
    assert api(editor).patch(path, {field: "Fresh"}, headers={"If-Match": '"1"'}).status_code == 200
    assert api(editor).patch(path, {field: "Stale"}, headers={"If-Match": '"1"'}).status_code == 409
    assert getattr(model.objects.get(pk=pk), field) == "Fresh"


@KINDS
def test_edit_without_a_version_is_422_naming_it(world, api, make):
    path, field, _model, _pk, (editor, _other) = make(world)
    r = api(editor).patch(path, {field: "Blind"})
    assert r.status_code == 422 and "version" in r.json()["errors"]


@KINDS
def test_malformed_if_match_is_422_naming_the_version(world, api, make):
    path, field, _model, _pk, (editor, _other) = make(world)
    r = api(editor).patch(path, {field: "x"}, headers={"If-Match": "yesterday"})
    assert r.status_code == 422 and "version" in r.json()["errors"]


@KINDS
def test_simultaneous_edits_of_one_version_one_wins(transactional_db, world, make):
    path, field, model, pk, people = make(world)
    results = {i: code for i, (code, _answer) in
               simultaneous_patches(people, path, lambda i: {"version": 1, field: f"Edit {i}"}).items()}
    assert sorted(results.values()) == [200, 409]
    winner = next(i for i, code in results.items() if code == 200)
    row = model.objects.get(pk=pk)
    assert getattr(row, field) == f"Edit {winner}" and row.version == 2
