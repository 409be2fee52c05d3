"""Issue 16 §4: search served by an index on both databases, with the same case folding.

On SQLite the searched text has an FTS5 trigram shadow kept by triggers; these tests show it
is used, kept in step by writes that bypass the services, and that it folds Polish letters
exactly as PostgreSQL's ``UPPER(...) LIKE UPPER(...)`` does.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.core import textsearch
from followup.customers.selectors import customer_list
from followup.tasks.models import Task
from followup.tasks.selectors import TaskFilters, TaskView, task_list

sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="the FTS5 index is SQLite's")


def titles(actor, text):
    return sorted(t.title for t in task_list(actor=actor, view=TaskView.ALL_PENDING, filters=TaskFilters(q=text)).items)


@pytest.mark.parametrize("text", ["łuk", "ŁUK", "Łuk", "ŁU", "łu"])
def test_polish_letters_fold_alike_on_every_path(world, text):
    """A trigram (FTS5 on SQLite) and a shorter term (the scan) fold case the same way."""
    world.task("Łukasz: oferta", actor=world.carol, customer=world.customer("Żaneta Kowalska"))
    world.task("Lukas: offer", actor=world.carol, customer=world.customer("Zaneta"))
    assert titles(world.carol, text) == ["Łukasz: oferta"]


def test_accents_stay_significant_as_on_postgresql(world):
    world.task("Żółta teczka", actor=world.carol)
    assert titles(world.carol, "zolta") == []
    assert titles(world.carol, "ŻÓŁTA") == ["Żółta teczka"]


def test_customer_fields_are_searched_through_their_index(world):
    world.task("Call back", actor=world.carol, customer=world.customer("Grzegorz Brzęczyszczykiewicz",
                                                                       email="gb@example.pl", phone="+48 600 100 200"))
    for text in ("brzęczy", "BRZĘCZY", "gb@exa", "600 100"):
        assert titles(world.carol, text) == ["Call back"], text
    assert [c.name for c in customer_list(actor=world.carol, q="BRZĘCZY").items] == ["Grzegorz Brzęczyszczykiewicz"]


@sqlite_only
def test_sqlite_search_reads_the_fts5_index(world):
    assert textsearch.trigrams_supported()
    world.task("Renewal quote", actor=world.carol)
    with CaptureQueriesContext(connection) as captured:
        assert titles(world.carol, "renewal") == ["Renewal quote"]
    # The matching customers are read first (their own query), then the tasks: each by its FTS5 index.
    for table in ("customers_customer_fts", "tasks_task_fts"):
        sql = next(q["sql"] for q in captured.captured_queries if table in q["sql"])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql.replace("%", "%%"))
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert f"SCAN {table} VIRTUAL TABLE INDEX" in plan, plan


@sqlite_only
def test_set_based_writes_are_indexed_by_the_triggers(world):
    """Automation and the benchmark insert, update and delete rows without the services."""
    task = world.task("Placeholder", actor=world.carol)
    Task.objects.filter(pk=task.pk).update(title="Quarterly review")
    copy = Task.objects.get(pk=task.pk)
    copy.pk, copy.title = None, "Annual review"
    Task.objects.bulk_create([copy])
    assert titles(world.carol, "review") == ["Annual review", "Quarterly review"]
    assert titles(world.carol, "placeholder") == []
    Task.objects.filter(title="Annual review").delete()
    assert titles(world.carol, "review") == ["Quarterly review"]


@sqlite_only
def test_a_shadow_that_lost_its_triggers_is_remade_after_migrate(world):
    """A migration that rebuilds the table on SQLite drops its triggers; search scans meanwhile
    (results stay right) and the next migrate puts the index back, with the rows of the gap."""
    with connection.cursor() as cursor:
        for suffix in ("_ai", "_ad", "_au"):
            cursor.execute(f"DROP TRIGGER tasks_task_fts{suffix}")
    world.task("Written while unindexed", actor=world.carol)
    assert titles(world.carol, "unindexed") == ["Written while unindexed"]
    assert not textsearch.fts_ready("tasks_task")
    textsearch.ensure_indexes(using="default")
    assert textsearch.fts_ready("tasks_task")
    assert titles(world.carol, "unindexed") == ["Written while unindexed"]


def test_quotes_and_fts_syntax_are_plain_text(world):
    world.task('Say "hi" AND NOT bye*', actor=world.carol)
    for text in ('"hi"', "AND NOT", "bye*", 'y "h'):
        assert titles(world.carol, text) == ['Say "hi" AND NOT bye*'], text
