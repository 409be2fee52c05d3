"""The task rows (built in Python, followup/tasks/rows.py) and their phone summary (A2), which the
phone draws from the same cells as the wide table's columns (issue 16 §2: one layout a row)."""

import re

from django.urls import reverse


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
    browser reads those names (test_task_flow, test_browser_list_pickers)."""
    task = world.task("Ring back")
    html = login(world.alice).get(reverse("tasks:list")).content.decode()
    row = row_of(html, "Ring back")
    assert f'<a id="tt{task.pk}" class="task-title"' in row
    assert f'aria-labelledby="l-check tt{task.pk}"' in row and '<span id="l-check">Check:</span>' in html
    assert f'aria-labelledby="l-complete tt{task.pk}"' in row and '<span id="l-complete">Complete:</span>' in html
    assert f'aria-labelledby="l-more tt{task.pk}"' in row and '<span id="l-more">More actions:</span>' in html
    assert row.count("Ring back") == 1


def test_one_row_menu_serves_the_whole_page(world, login):
    world.tasks(5)
    html = login(world.alice).get(reverse("tasks:list")).content.decode()
    assert html.count('class="row-menu"') == 5
    assert html.count("data-row-menu ") == 1 and html.count(">Reassign…<") == 1
    assert html.count('data-action="delete/"') == 1
