"""The task rows (built in Python, followup/tasks/rows.py) and their phone summary (A2)."""

import re

from django.urls import reverse


def row_of(html: str, title: str) -> str:
    start = html.index(f">{title}</a>")
    return html[html.rindex("<tr", 0, start):html.index("</tr>", start)]


def test_row_summarises_customer_due_priority_and_status_for_a_phone(world, login):
    world.task("Ring back", customer=world.customer("Northwind Ltd"))
    row = row_of(login(world.alice).get(reverse("tasks:list")).content.decode(), "Ring back")
    meta = re.search(r'<div class="row-meta">(.*?)</div>', row).group(1)
    assert '<span class="row-customer">Northwind Ltd</span>' in meta and 'class="due' in meta
    tags = re.search(r'<div class="row-tags">(.*?)</div>', row).group(1)
    assert 'class="tag prio-2">Medium<' in tags and 'class="tag status-tag status-open">Not Started<' in tags


def test_summary_escapes_what_users_typed(world, login):
    world.task("Ring back", customer=world.customer('<img src=x onerror="alert(1)">'))
    row = row_of(login(world.alice).get(reverse("tasks:list")).content.decode(), "Ring back")
    assert "<img" not in row and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in row


def test_summary_shows_the_other_people_not_the_reader(world, login):
    world.task("Ring back", assignees=[world.alice, world.bob])
    row = row_of(login(world.alice).get(reverse("tasks:list")).content.decode(), "Ring back")
    stack = re.search(r'<span class="avatar-stack" role="img" aria-label="Assigned to: ([^"]*)"', row)
    assert stack.group(1) == "Bob Baker"


def test_summary_of_my_own_task_shows_no_people(world, login):
    world.task("Ring back", assignees=[world.alice])
    row = row_of(login(world.alice).get(reverse("tasks:list")).content.decode(), "Ring back")
    assert 'class="avatar-stack"' not in re.search(r'<div class="row-tags">(.*?)</div>', row).group(1)
