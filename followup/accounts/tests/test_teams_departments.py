"""B2, J13: teams (the groups assignment rules share work among) and departments with their
heads, written only through ``accounts.teams`` and ``accounts.departments`` by administrators."""

import pytest

from followup.accounts.departments import department_add, department_delete, department_update
from followup.accounts.models import Team
from followup.accounts.people import user_deactivate
from followup.accounts.teams import team_create, team_delete, team_members, team_update
from followup.core.exceptions import FieldErrors, NotAllowed, NotFound


def test_a_team_is_made_with_its_members(world):
    team = team_create(actor=world.adam, name="  Inbound   leads ", member_ids=[world.alice.pk, world.bob.pk])
    assert team.name == "Inbound leads"
    assert list(team_members(team)) == [world.alice, world.bob]


def test_a_team_names_every_bad_field(world):
    with pytest.raises(FieldErrors) as exc:
        team_create(actor=world.adam, name="", member_ids=[world.mallory.pk])
    assert set(exc.value.errors) == {"name", "member_ids"}
    with pytest.raises(FieldErrors) as exc:
        team_create(actor=world.adam, name="x", member_ids=["abc"])
    assert list(exc.value.errors) == ["member_ids"]


def test_two_teams_cannot_share_a_name(world):
    team_create(actor=world.adam, name="Inbound")
    with pytest.raises(FieldErrors) as exc:
        team_create(actor=world.adam, name="Inbound")
    assert "already" in exc.value.errors["name"][0]
    team_create(actor=world.adam, name="Renewals")
    other = Team.objects.get(name="Renewals")
    with pytest.raises(FieldErrors):
        team_update(actor=world.adam, team_id=other.pk, name="Inbound")


def test_members_are_set_as_a_whole_and_the_name_stays_when_not_given(world):
    team = team_create(actor=world.adam, name="Inbound", member_ids=[world.alice.pk])
    team_update(actor=world.adam, team_id=team.pk, member_ids=[world.bob.pk, world.oscar.pk])
    team.refresh_from_db()
    assert team.name == "Inbound" and set(team.members.all()) == {world.bob, world.oscar}


def test_a_deactivated_member_stays_in_the_team_but_out_of_its_rotation(world):
    team = team_create(actor=world.adam, name="Inbound", member_ids=[world.alice.pk, world.bob.pk])
    user_deactivate(actor=world.adam, user_id=world.bob.pk)
    assert list(team_members(team)) == [world.alice]
    team_update(actor=world.adam, team_id=team.pk, member_ids=[world.alice.pk, world.bob.pk, world.oscar.pk])
    with pytest.raises(FieldErrors):  # but nobody deactivated joins
        team_create(actor=world.adam, name="Other", member_ids=[world.bob.pk])


def test_teams_are_for_administrators_of_their_organization(world):
    from followup.accounts.models import Role

    team = team_create(actor=world.adam, name="Inbound")
    with pytest.raises(NotAllowed):
        team_update(actor=world.carol, team_id=team.pk, name="Mine")
    foreign_admin = world.user("olga", organization=world.other_org, role=Role.ADMIN)
    with pytest.raises(NotFound):
        team_delete(actor=foreign_admin, team_id=team.pk)
    team_delete(actor=world.adam, team_id=team.pk)
    assert not Team.objects.filter(pk=team.pk).exists()


def test_a_department_gets_a_head_of_the_organization(world):
    support = department_add(actor=world.adam, name="Support", head_id=world.oscar.pk)
    assert support.head == world.oscar
    with pytest.raises(FieldErrors) as exc:
        department_update(actor=world.adam, department_id=support.pk, head_id=world.mallory.pk)
    assert list(exc.value.errors) == ["head_id"]
    department_update(actor=world.adam, department_id=support.pk, head_id=None, name="Customer care")
    support.refresh_from_db()
    assert (support.name, support.head) == ("Customer care", None)


def test_a_department_name_is_unique_in_the_organization(world):
    with pytest.raises(FieldErrors) as exc:
        department_add(actor=world.adam, name="Sales")
    assert "already" in exc.value.errors["name"][0]


def test_deleting_a_department_keeps_its_people(world):
    assert department_delete(actor=world.adam, department_id=world.sales.pk) == 2
    world.alice.refresh_from_db()
    assert world.alice.is_active and world.alice.department is None
