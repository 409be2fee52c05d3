"""Issue 13 §1.1: the customer picker's search. Every customer of the organization can be found
(the deal form's list used to stop at 200), and only the organization's own."""

import pytest
from django.urls import reverse

from followup.customers.models import Customer, CustomerKind

URL = reverse("customers:choices")


def labels(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [part.split('"')[0] for part in response.content.decode().split('data-label="')[1:]]


@pytest.fixture
def alice(world, login):
    return login(world.alice)


@pytest.fixture
def many(world):
    Customer.objects.bulk_create(Customer(organization=world.org, name=f"Customer {i:03}") for i in range(1, 251))


def test_the_250th_customer_is_one_search_away(world, alice, many):
    assert labels(alice, q="customer 250") == ["Customer 250"]
    assert labels(alice, q="Customer 23") == [f"Customer {i}" for i in range(230, 240)]


def test_answers_at_most_20_by_name(world, alice, many):
    assert labels(alice, q="") == [f"Customer {i:03}" for i in range(1, 21)]


@pytest.mark.parametrize("q", ["elena", "elena@example", "555 01"])
def test_finds_by_name_email_or_phone_and_shows_them(world, alice, q):
    world.customer("Elena Marsh", email="elena@example.com", phone="+48 555 0100")
    response = alice.get(URL, {"q": q}).content.decode()
    assert 'data-label="Elena Marsh"' in response and "elena@example.com · +48 555 0100" in response


def test_another_organizations_customers_never_appear(world, alice):
    world.customer("Globex Secret", organization=world.other_org)
    assert labels(alice, q="globex") == []


def test_kind_company_offers_only_companies(world, alice):
    world.customer("Zeta Company", kind=CustomerKind.COMPANY)
    world.customer("Zeta Person")
    assert labels(alice, q="zeta", kind="company") == ["Zeta Company"]


def test_nothing_found_is_said(world, alice):
    assert "No customer matches “nope”." in alice.get(URL, {"q": "nope"}).content.decode()


def test_names_are_escaped(world, alice):
    world.customer("<img src=x onerror=alert(1)>")
    assert "<img src=x" not in alice.get(URL, {"q": "img"}).content.decode()


@pytest.mark.parametrize("q", ["", "customer 2"])
def test_runs_constant_queries(world, alice, many, django_assert_max_num_queries, q):
    # session, user + organization, the customers (on PostgreSQL with a search: their ids first)
    with django_assert_max_num_queries(4):
        labels(alice, q=q)
