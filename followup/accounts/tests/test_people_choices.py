"""Issue 13 §1.1: the people picker's search endpoint. It answers a few options for the text
typed, from the actor's own organization only, so no page has to carry everyone."""

import pytest
from django.urls import reverse

from followup.accounts.selectors import people_named

URL = reverse("people_choices")


def options(client, q=""):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    return [part.split('"')[0] for part in html.split('data-label="')[1:]], html


@pytest.fixture
def alice(world, login):
    return login(world.alice)


@pytest.mark.parametrize("q", ["bob", "BAKER", "bob@example", "Bob Bak"])
def test_finds_a_person_by_name_username_or_email(world, alice, q):
    assert options(alice, q)[0] == ["Bob Baker"]


def test_each_word_must_match(world, alice):
    world.user("elena", first_name="Elena", last_name="Marsh")
    world.user("elena2", first_name="Elena", last_name="Martin")
    assert options(alice, "elena mars")[0] == ["Elena Marsh"]
    assert options(alice, "elena mar")[0] == ["Elena Marsh", "Elena Martin"]


def test_another_organizations_people_never_appear(world, alice):
    assert options(alice, "mallory")[0] == []
    assert "Mallory" not in options(alice, "")[1]


def test_inactive_people_are_not_offered(world, alice):
    world.bob.is_active = False
    world.bob.save()
    assert options(alice, "bob")[0] == []


def test_answers_at_most_20_sorted_by_name(world, alice):
    for i in range(30):
        world.user(f"c{i:02}", first_name="Colleague", last_name=f"{29 - i:02}")
    labels = options(alice, "colleague")[0]
    assert labels == [f"Colleague {i:02}" for i in range(20)]


def test_the_actor_is_marked_me_and_shows_an_email(world, alice):
    html = options(alice, "alice")[1]
    assert "(me)" in html and "alice@example.com" in html


def test_names_are_escaped(world, alice):
    world.user("eve", first_name="<script>alert(1)</script>", last_name="Evil")
    html = options(alice, "evil")[1]
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_nothing_found_is_said_not_offered(world, alice):
    html = options(alice, "zzz")[1]
    assert 'aria-disabled="true"' in html and "Nobody matches “zzz”." in html


def test_a_long_text_is_cut_not_refused(world, alice):
    assert alice.get(URL, {"q": "x" * 5000}).status_code == 200


def test_needs_login(client, world):
    response = client.get(URL, {"q": "bob"})
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("people", [5, 50])
def test_runs_constant_queries(world, alice, django_assert_num_queries, people):
    for i in range(people):
        world.user(f"p{i:02}", first_name="Person", last_name=f"{i:02}")
    # session, user + organization, the people
    with django_assert_num_queries(3):
        options(alice, "person")


def test_chosen_people_keep_their_order_and_strangers_are_dropped(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        chosen = people_named(actor=world.alice, ids=[str(world.carol.pk), world.bob.pk, world.mallory.pk, "x",
                                                      world.bob.pk, 2**70])
    assert [c.label for c in chosen] == ["Carol Cole", "Bob Baker"]
    with django_assert_num_queries(0):
        assert people_named(actor=world.alice, ids=[]) == []
