"""D8: "Move to stage" on the customer list, for the ticked rows or for every customer the
search finds; each move is recorded (C4) and announced, and bad input is a message, not a 500."""

import pytest
from django.db import connection
from django.urls import reverse

from followup.customers.models import Customer, Stage, StageChange
from followup.customers.stages import customers_move_to_stage

URL = reverse("customers:bulk_stage")


def test_the_list_offers_the_move_with_a_check_per_row(world, login):
    customer = world.customer("Elena Marsh")
    html = login(world.alice).get(reverse("customers:list")).content.decode()
    assert 'action="/customers/move-to-stage/"' in html
    assert f'name="customer_ids" value="{customer.pk}" form="batch-form"' in html


def test_the_ticked_customers_move_and_each_move_is_recorded(world, login):
    chosen = [world.customer(f"Chosen {i}") for i in range(3)]
    left = world.customer("Left alone")

    r = login(world.alice).post(URL, {"stage": "prospect", "customer_ids": [c.pk for c in chosen]}, follow=True)

    assert "3 customers moved to Prospect." in r.content.decode()
    assert StageChange.objects.filter(new=Stage.PROSPECT, actor=world.alice).count() == 3
    left.refresh_from_db()
    assert left.stage == Stage.LEAD


def test_every_customer_the_search_finds_moves(world, login):
    for name in ("Vans Ltd", "Vans GmbH", "Trucks SA"):
        world.customer(name)

    r = login(world.alice).post(URL, {"stage": "customer", "everyone": "on", "q": "vans"})

    assert r.status_code == 302 and r["Location"] == "/customers/?q=vans"
    assert sorted(StageChange.objects.values_list("customer__name", flat=True)) == ["Vans GmbH", "Vans Ltd"]


def test_another_organizations_customer_is_left_alone(world, login):
    theirs = world.customer("Globex Customer", organization=world.other_org)

    login(world.alice).post(URL, {"stage": "prospect", "customer_ids": [theirs.pk]})

    theirs.refresh_from_db()
    assert theirs.stage == Stage.LEAD


@pytest.mark.parametrize("data, message", [
    ({"stage": "heaven", "customer_ids": ["1"]}, "Choose one of the stages."),
    ({"stage": "prospect", "customer_ids": ["x", "99999999999999999999"]}, "Tick the customers to move first."),
    ({"stage": "prospect"}, "Tick the customers to move first."),
])
def test_bad_input_is_a_message_not_a_500(world, login, data, message):
    world.customer()
    r = login(world.alice).post(URL, data, follow=True)
    assert r.status_code == 200 and message in r.content.decode()


def test_only_post(world, login):
    assert login(world.alice).get(URL).status_code == 405


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL storage setting")
def test_a_bulk_move_rewrites_the_rows_in_place_without_touching_their_indexes(world):
    """Migration 0010: customers' pages keep room, so a stage move is a heap-only update on
    PostgreSQL (none of the customer's ten indexes is written for it)."""
    # Enough rows to fill several pages: without the room, most new versions land elsewhere.
    moved = Customer.objects.bulk_create([Customer(organization=world.org, name=f"Moved {i:03d}",
                                                   email=f"moved{i}@example.com") for i in range(300)])

    def hot_updates() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables "
                           "WHERE relname = 'customers_customer'")
            return cursor.fetchone()

    before = hot_updates()
    customers_move_to_stage(actor=world.alice, stage=Stage.PROSPECT, customer_ids=[c.pk for c in moved])
    updates, hot = (after - earlier for after, earlier in zip(hot_updates(), before, strict=True))
    print(f"{hot} of {updates} updates heap-only")
    assert updates == 300 and hot >= 0.9 * updates
