"""Settings › Departments and Teams as pages: add, rename, set the head, members in and out,
delete; bad input next to its field; constant queries."""

import pytest
from django.urls import reverse

from followup.accounts.models import Department, Team
from followup.accounts.teams import team_create


@pytest.fixture
def adam(world, login):
    return login(world.adam)


def test_adding_a_department_with_its_head(world, adam):
    r = adam.post(reverse("setup:departments"), {"name": "Support", "head_id": world.oscar.pk}, follow=True)
    assert "Department “Support” added." in r.content.decode()
    assert Department.objects.get(organization=world.org, name="Support").head == world.oscar


def test_a_department_without_a_name_is_named(world, adam):
    r = adam.post(reverse("setup:departments"), {"name": " "})
    assert r.status_code == 422 and 'id="err-name"' in r.content.decode()


def test_changing_a_departments_head_and_deleting_it(world, adam):
    url = reverse("setup:department", args=[world.sales.pk])
    adam.post(url, {"name": "Sales EMEA", "head_id": world.alice.pk})
    world.sales.refresh_from_db()
    assert (world.sales.name, world.sales.head) == ("Sales EMEA", world.alice)
    adam.post(reverse("setup:department_delete", args=[world.sales.pk]))
    assert not Department.objects.filter(pk=world.sales.pk).exists()


def test_members_go_in_and_out_of_a_team(world, adam):
    team = team_create(actor=world.adam, name="Inbound")
    url = reverse("setup:team", args=[team.pk])
    adam.post(url, {"action": "add", "member_id": world.alice.pk})
    adam.post(url, {"action": "add", "member_id": world.bob.pk})
    adam.post(url, {"action": "remove", "member_id": world.alice.pk})
    assert list(team.members.all()) == [world.bob]
    html = adam.get(url).content.decode()
    assert "Bob Baker" in html and f'<option value="{world.bob.pk}"' not in html  # a member is not offered again


def test_adding_nobody_or_a_stranger_to_a_team_is_named(world, adam):
    team = team_create(actor=world.adam, name="Inbound")
    url = reverse("setup:team", args=[team.pk])
    for chosen in ("", world.mallory.pk):
        r = adam.post(url, {"action": "add", "member_id": chosen})
        assert r.status_code == 422 and 'class="alert alert-error"' in r.content.decode()
    assert not team.members.exists()


def test_a_team_is_renamed_and_deleted(world, adam):
    team = team_create(actor=world.adam, name="Inbound")
    adam.post(reverse("setup:team", args=[team.pk]), {"action": "rename", "name": "Inbound leads"})
    team.refresh_from_db()
    assert team.name == "Inbound leads"
    adam.post(reverse("setup:team_delete", args=[team.pk]))
    assert not Team.objects.filter(pk=team.pk).exists()


@pytest.mark.parametrize("n", [2, 15])
def test_the_teams_and_departments_pages_run_constant_queries(world, adam, django_assert_max_num_queries, n):
    for i in range(n):
        team_create(actor=world.adam, name=f"Team {i}", member_ids=[world.alice.pk, world.bob.pk])
        Department.objects.create(organization=world.org, name=f"Department {i}", head=world.bob)
    adam.get(reverse("setup:teams"))
    # session, user + organization, header count, teams, their members
    with django_assert_max_num_queries(5):
        adam.get(reverse("setup:teams"))
    # session, user + organization, header count, departments with heads and member counts, the people
    with django_assert_max_num_queries(5):
        adam.get(reverse("setup:departments"))


def test_a_departments_head_is_a_people_picker_holding_the_heads_name(world, login):
    """Issue 16 §2: the head is chosen as one types, so the page lists nobody but the head."""
    adam = login(world.adam)
    html = adam.get(reverse("setup:department", args=[world.sales.pk])).content.decode()
    assert f'name="head_id" value="{world.bob.pk}"' in html and 'id="id_head" type="text" value="Bob Baker"' in html
    assert "Carol Cole" not in html
    assert 'id="id_head" type="text" value=""' in adam.get(reverse("setup:departments")).content.decode()


def test_a_person_is_added_to_a_team_with_the_people_picker(world, login):
    """B2, issue 16 §2: the team page lists its members, not every person who could join."""
    team = team_create(actor=world.adam, name="Inbound", member_ids=[world.alice.pk])
    adam = login(world.adam)
    url = reverse("setup:team", args=[team.pk])
    html = adam.get(url).content.decode()
    assert 'name="member_id"' in html and 'data-url="/people/choices/"' in html and "Carol Cole" not in html
    adam.post(url, {"action": "add", "member_id": world.carol.pk})
    assert sorted(team.members.values_list("username", flat=True)) == ["alice", "carol"]
