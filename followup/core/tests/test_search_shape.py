"""The fast query shapes (My pending through the assignment index, search in two branches on
PostgreSQL) must give exactly the rows, in exactly the order, of the plain filters."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from followup.tasks.models import Priority, Task
from followup.tasks.selectors import TaskFilters, TaskSort, TaskView, task_list
from followup.tasks.services import task_complete

#: The plain filter's order for each sort of the list.
ORDER_OF = {"due": ["due_date", "id"], "-due": ["-due_date", "-id"], "priority": ["priority", "due_date", "id"],
            "-priority": ["-priority", "due_date", "id"]}


@pytest.fixture
def spread(world):
    today = dt.date.today()
    smith = world.customer("Anna Smithers", email="anna@smithers.example.com")
    other = world.customer("Bob Jones", phone="+44 700 123")
    for i in range(30):
        world.task(f"Call {'Smith' if i % 3 == 0 else 'back'} {i}", customer=smith if i % 4 == 0 else other,
                   due_date=today + dt.timedelta(days=(i * 7) % 11 - 5), priority=Priority.values[i % 4],
                   assignees=[world.alice] if i % 5 else [world.alice, world.bob])
    return world


def reference(world, text):
    return Task.objects.filter(organization=world.org, is_pending=True).filter(
        Q(title__icontains=text) | Q(customer__name__icontains=text) | Q(customer__email__icontains=text)
        | Q(customer__phone__icontains=text)
    )


@pytest.mark.parametrize("sort", list(TaskSort))
def test_search_gives_the_rows_and_order_of_the_plain_filter(spread, sort):
    order = ORDER_OF[sort]
    expected = list(reference(spread, "smith").order_by(*order).values_list("id", flat=True))
    pages = [task_list(actor=spread.carol, view=TaskView.ALL_PENDING, filters=TaskFilters(q="smith", sort=sort),
                       page=n, size=4) for n in (1, 2, 3, 4, 5)]
    assert [t.id for p in pages for t in p.items] == expected
    assert [p.has_next for p in pages] == [4 * n < len(expected) for n in (1, 2, 3, 4, 5)]


def test_search_by_phone_finds_the_customers_tasks(spread):
    found = task_list(actor=spread.carol, view=TaskView.ALL_PENDING, filters=TaskFilters(q="700 123"), size=100)
    assert {t.id for t in found.items} == set(reference(spread, "700 123").values_list("id", flat=True))


def test_my_pending_is_in_due_order_without_duplicates(spread):
    page = task_list(actor=spread.alice, view=TaskView.MY_PENDING, size=100)
    expected = Task.objects.filter(assignments__user=spread.alice, is_pending=True).order_by("due_date", "id")
    assert [t.id for t in page.items] == list(expected.values_list("id", flat=True))


def test_my_pending_search_only_finds_my_tasks(spread):
    page = task_list(actor=spread.bob, view=TaskView.MY_PENDING, filters=TaskFilters(q="smith"), size=100)
    mine = reference(spread, "smith").filter(assignments__user=spread.bob).order_by("due_date", "id")
    assert [t.id for t in page.items] == list(mine.values_list("id", flat=True))


@pytest.mark.parametrize("size", [2, 100])
def test_each_members_search_of_my_pending_finds_their_own_rows(spread, size):
    """My pending's searched first page is compiled once per process on SQLite
    (``selectors._my_search_page``): each member and each word binds its own values, and finds
    the plain filter's rows, order and next-page flag (a word of titles, of a customer's e-mail,
    of a phone; one with a quote finds nothing and fails nothing)."""
    for member in (spread.alice, spread.bob, spread.alice):
        for word in ("smith", "mithers.example", "700 123", 'smith"', "back 1"):
            mine = reference(spread, word).filter(assignments__user=member).order_by("due_date", "id")
            expected = list(mine.values_list("id", flat=True))
            page = task_list(actor=member, view=TaskView.MY_PENDING, filters=TaskFilters(q=word), size=size)
            assert [t.id for t in page.items] == expected[:size], (member, word)
            assert page.has_next == (len(expected) > size)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5: the compiled search is SQLite's")
def test_my_pending_searched_first_page_is_one_query_and_its_assignees(spread):
    with CaptureQueriesContext(connection) as captured:
        task_list(actor=spread.bob, view=TaskView.MY_PENDING, filters=TaskFilters(q="smith"))
    assert len(captured.captured_queries) == 2, [q["sql"] for q in captured.captured_queries]
    assert captured.captured_queries[0]["sql"].count("_fts MATCH") == 2


def test_search_list_runs_constant_queries(spread, django_assert_max_num_queries):
    # On PostgreSQL: the list's top rows' bound and the page among them (found there for a common
    # word), then the matching customers, the matching tasks' sort keys (or the page), the page's
    # rows, their assignees
    for size in (10, 100):
        with django_assert_max_num_queries(6):
            task_list(actor=spread.carol, view=TaskView.ALL_PENDING, filters=TaskFilters(q="smith"), size=size)


def test_common_word_search_past_the_probe_gives_the_same_order(spread, settings):
    from followup.tasks import selectors

    expected = list(reference(spread, "call").order_by("due_date", "id").values_list("id", flat=True))[:8]
    small_probe = pytest.MonkeyPatch()
    small_probe.setattr(selectors, "SEARCH_PROBE", 3)  # more matches than the probe: the ordered filter
    try:
        pages = [task_list(actor=spread.carol, view=TaskView.ALL_PENDING, filters=TaskFilters(q="call"),
                           page=n, size=4) for n in (1, 2)]
    finally:
        small_probe.undo()
    assert [t.id for p in pages for t in p.items] == expected


def test_customer_search_gives_the_rows_and_order_of_the_plain_filter(world):
    from followup.customers.models import Customer
    from followup.customers.selectors import customer_list

    for name in ("zoe Smith", "Adam Smithson", "Bob Jones", "smith & co", "Ann Taylor"):
        world.customer(name, email=f"{name.split()[0].lower()}@example.com")
    world.customer("Carl Brown", email="carl@smith.example.com")
    expected = list(Customer.objects.filter(organization=world.org).filter(
        Q(name__icontains="smith") | Q(email__icontains="smith")).order_by("name", "id").values_list("id", flat=True))
    pages = [customer_list(actor=world.alice, q="smith", page=n, size=2) for n in (1, 2)]
    assert [c.id for p in pages for c in p.items] == expected


@pytest.mark.parametrize("sort", list(TaskSort))
@pytest.mark.parametrize("word", ["call", "smith", "smith 2"])
def test_a_common_word_found_at_the_top_of_the_list_gives_the_same_rows(spread, sort, word, monkeypatch):
    """PostgreSQL looks for a common word's first pages among the list's top rows first: "call"
    (every task) and "smith" (about half) are found there, "smith 2" (three tasks) is not and goes
    on to the probes; all give the plain filter's rows, order and next-page flag."""
    from followup.tasks import selectors

    monkeypatch.setattr(selectors, "DENSE_PREFIX", 20)  # of 30 tasks; pages up to 5 rows are looked for there
    order = ORDER_OF[sort]
    expected = list(reference(spread, word).order_by(*order).values_list("id", flat=True))
    for size in (1, 4):
        page = task_list(actor=spread.carol, view=TaskView.ALL_PENDING, filters=TaskFilters(q=word, sort=sort),
                         size=size)
        assert [t.id for t in page.items] == expected[:size]
        assert page.has_next == (len(expected) > size)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")
def test_the_top_rows_bound_walks_the_pending_tasks_index(spread, monkeypatch):
    """The bound of a common word's top rows (``selectors._dense_page``) walks the pending tasks'
    own index, which holds every column it reads: without a range on the due date, SQLite 3.40
    walked the index of every task and read each row's is_pending from the table (4.8 ms for the
    2,000 rows of the bench's million tasks, 0.09 ms this way), when a quarter of the tasks were
    done (with most of them done it takes the smaller index by itself)."""
    from followup.tasks import selectors

    monkeypatch.setattr(selectors, "DENSE_PREFIX", 20)
    for task in spread.tasks(11):  # done: a quarter of the tasks, as in the bench
        task_complete(actor=spread.alice, task_id=task.pk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tasks_task")  # the planner's statistics, as a database with data keeps them
    with CaptureQueriesContext(connection) as captured:
        task_list(actor=spread.carol, view=TaskView.ALL_PENDING, filters=TaskFilters(q="call"), size=4)
    bound = next(q["sql"] for q in captured.captured_queries if "OFFSET 19" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + bound)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "USING COVERING INDEX task_pending_due" in plan or "USING INDEX task_pending_due" in plan, plan
