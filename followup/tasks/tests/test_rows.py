"""The task rows (built in Python, followup/tasks/rows.py) and their phone summary (A2), which the
phone draws from the same cells as the wide table's columns (issue 16 §2: one layout a row)."""

import re

from django.urls import reverse

from followup.sharing.models import Level
from followup.sharing.services import share_set
from followup.tasks.validation import TaskLinks


def row_of(html: str, title: str) -> str:
    start = html.index(f">{title}</a>")
    return html[html.rindex("<tr", 0, start):html.index("</tr>", start)]


def cells(row: str) -> list[str]:
    """The row's cells: check, title, customer, people, priority, status, due date, actions."""
    return re.findall(r"<td>(.*?)</td>", row)


def test_row_holds_customer_due_priority_and_status_once_for_both_layouts(world, login):
    world.task("Ring back", customer=world.customer("Northwind Ltd"))
    row = row_of(login(world.alice).get(reverse("tasks:list")).content.decode(), "Ring back")
    check, title, customer, people, priority, status, due, actions = cells(row)
    assert ">Northwind Ltd</a>" in customer and 'class="due' in due
    assert 'class="tag prio-2">Medium<' in priority and 'class="status status-open">Not Started<' in status
    assert row.count("Northwind Ltd") == 1 and row.count("Medium") == 1 and row.count("Not Started") == 1


def test_summary_escapes_what_users_typed(world, login):
    world.task("Ring back", customer=world.customer('<img src=x onerror="alert(1)">'))
    row = row_of(login(world.alice).get(reverse("tasks:list")).content.decode(), "Ring back")
    assert "<img" not in row and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in row


def test_the_reader_is_marked_so_a_phone_shows_only_the_other_people(world, login):
    world.task("Ring back", assignees=[world.alice])
    world.task("Call Bob's customer", assignees=[world.bob])
    client = login(world.alice)
    mine = cells(row_of(client.get(reverse("tasks:list")).content.decode(), "Ring back"))[3]
    assert mine == '<span class="assignees me"><span class="avatar">AA</span><span>Alice Archer</span></span>'
    html = client.get(reverse("tasks:view", args=["all_pending"])).content.decode()
    bobs = cells(row_of(html, "Call Bob&#x27;s customer"))[3]
    assert bobs.startswith('<span class="assignees"><span class="avatar">BB')


def test_a_team_task_shows_its_stack_a_team_tag_and_first_names(world, login):
    world.task("Ring back", assignees=[world.alice, world.bob])
    people = cells(row_of(login(world.alice).get(reverse("tasks:list")).content.decode(), "Ring back"))[3]
    assert '<span class="assignees team" title="Alice Archer, Bob Baker">' in people
    assert '<span class="tag tag-team">Team</span><span class="team-names">Alice, Bob</span>' in people


def test_row_controls_are_named_after_the_task(world, login):
    """The checkbox, Complete and the row menu's button are named by one of the page's words and
    the row's title (aria-labelledby, "Check: Ring back"), so the row holds its title once; a real
    browser reads those names (test_task_flow, test_browser_list_pickers). The ⋯ is app.js's, which
    alone makes it open (test_browser_list_pickers.test_the_row_menu_button_comes_with_the_script)."""
    task = world.task("Ring back")
    html = login(world.alice).get(reverse("tasks:list")).content.decode()
    row = row_of(html, "Ring back")
    assert row.startswith("<tr><td>") and f'<a id="tt{task.pk}" href="/tasks/{task.pk}/">' in row
    assert f'aria-labelledby="l-check tt{task.pk}"' in row and '<span id="l-check">Check:</span>' in html
    assert f'aria-labelledby="l-complete tt{task.pk}"' in row and '<span id="l-complete">Complete:</span>' in html
    assert "row-menu" not in row and '<span id="l-more">More actions:</span>' in html
    assert row.count("Ring back") == 1


def test_one_row_menu_serves_the_whole_page(world, login):
    world.tasks(5)
    html = login(world.alice).get(reverse("tasks:list")).content.decode()
    assert html.count("<tr><td>") == 5 and "row-menu" not in html.split("<tbody")[1].split("</tbody>")[0]
    assert html.count("data-row-menu ") == 1 and html.count(">Reassign…<") == 1
    assert html.count('data-action="delete/"') == 1


def test_a_row_its_reader_may_only_read_offers_no_complete_and_no_menu(world, login, django_assert_max_num_queries):
    """J8, L7: a subscriber who is no participant, and a colleague shared with read-only, see the
    row (and may open the task), but no Complete and (the row says it is read-only) no ⋯ that the
    server would refuse; a full grant, like an assignee, gets both. The grants are read once for
    the page, not per row."""
    world.task("Followed by alice", actor=world.bob, assignees=[world.bob],
               links=TaskLinks(subscriber_ids=[world.alice.pk]))
    world.task("Alice's own")
    html = login(world.alice).get(reverse("tasks:view", args=["all_pending"])).content.decode()
    followed, own = row_of(html, "Followed by alice"), row_of(html, "Alice&#x27;s own")
    assert "icon-complete" not in followed and 'class="is-readonly"' in followed and "Read-only" in followed
    assert "icon-complete" in own and "is-readonly" not in own

    reader, editor = world.user("reader"), world.user("editor")
    for person, level in ((reader, Level.READ), (editor, Level.FULL)):
        share_set(actor=world.bob, grantee_id=person.pk, level=level)
    for i in range(5):
        world.task(f"Bob's {i}", actor=world.bob, assignees=[world.bob])
    client = login(reader)
    client.get(reverse("tasks:view", args=["all_pending"]))
    # the list's own 7 queries and the reader's grants, read for the visibility rule and the rows
    with django_assert_max_num_queries(9):
        html = client.get(reverse("tasks:view", args=["all_pending"])).content.decode()
    assert "Bob&#x27;s 3" in html and "icon-complete" not in row_of(html, "Bob&#x27;s 3")
    html = login(editor).get(reverse("tasks:view", args=["all_pending"])).content.decode()
    assert "icon-complete" in row_of(html, "Bob&#x27;s 3") and "is-readonly" not in row_of(html, "Bob&#x27;s 3")
