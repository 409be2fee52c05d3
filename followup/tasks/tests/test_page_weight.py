"""Issue 16 §2, issue 13 §1.1: a list page's weight does not grow with the organization's size.
The people pickers load their choices on demand, so no page carries a list of every user."""

from django.urls import reverse


def _colleagues(world, n: int) -> None:
    for i in range(n):
        world.user(f"colleague{i:03}", first_name=f"Colleague{i:03}", last_name="Example")


def _my_pending_bytes(client) -> int:
    response = client.get(reverse("tasks:list"), {"size": 25})
    assert response.content.decode().count('class="task-row') == 25
    return len(response.content)


def test_my_pending_weighs_the_same_with_200_more_people(world, login):
    client = login(world.alice)
    world.tasks(25, customer=world.customer("Weight Watchers Ltd"))
    alone = _my_pending_bytes(client)
    _colleagues(world, 200)
    crowded = _my_pending_bytes(client)
    print(f"My pending, 25 rows: {alone} bytes with 6 users, {crowded} bytes with 206")
    assert crowded - alone < 100


def test_my_pending_lists_nobody_who_is_not_on_it(world, login):
    client = login(world.alice)
    world.tasks(25)
    _colleagues(world, 30)
    assert "Colleague017" not in client.get(reverse("tasks:list"), {"size": 25}).content.decode()
