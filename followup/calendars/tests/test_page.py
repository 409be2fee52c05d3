"""L9: the calendar page is a frame for the widget: the menu leads to it, it names the people
one may switch on, and it carries no inline script (strict CSP)."""

import re


def test_the_main_navigation_leads_to_the_calendar(world, login):
    page = login(world.alice).get("/tasks/").content.decode()
    assert 'href="/calendar/"' in page


def test_the_page_starts_the_widget_from_static_files_only(world, login):
    r = login(world.alice).get("/calendar/")
    html = r.content.decode()
    assert r.status_code == 200
    assert 'data-events-url="/api/v1/calendar/events"' in html
    assert 'data-move-url="/api/v1/calendar/tasks/0/move"' in html
    # static files go by hashed names (issue 16 §2)
    assert re.search(r"/static/vendor/event-calendar\.min\.[0-9a-f]{12}\.js", html)
    assert re.search(r"/static/followup/calendar\.[0-9a-f]{12}\.js", html)
    # no inline code; a data block (the page's words, <script type="application/json">) runs nothing
    assert not re.search(r'<script(?![^>]*\b(?:src=|type="application/json"))[^>]*>', html)
    assert " style=" not in html


def test_a_member_has_no_one_else_to_switch_on(world, login):
    html = login(world.alice).get("/calendar/").content.decode()
    assert "data-person" not in html


def test_a_company_manager_switches_people_on_with_a_colour_each(world, login, django_assert_max_num_queries):
    client = login(world.carol)
    # session, user (organization joined), the people, the task badge of the header
    with django_assert_max_num_queries(5):
        html = client.get("/calendar/").content.decode()
    boxes = re.findall(r'value="(\d+)" data-person data-colour="(\d)"( checked)?', html)
    assert boxes[0] == (str(world.carol.pk), "0", " checked")
    everyone = (world.carol, world.alice, world.bob, world.oscar, world.adam)
    assert {int(pk) for pk, _, _ in boxes} == {u.pk for u in everyone}
    assert all(not checked for _, _, checked in boxes[1:])
    assert str(world.mallory.pk) not in {pk for pk, _, _ in boxes}


def test_the_calendar_is_gone_when_the_task_module_is_off(world, login):
    world.org.tasks_enabled = False
    world.org.save()
    client = login(world.alice)
    assert client.get("/calendar/").status_code == 404


def test_the_page_speaks_polish(world, login):
    world.alice.language = "pl"
    world.alice.save()
    html = login(world.alice).get("/calendar/", headers={"Accept-Language": "pl"}).content.decode()
    assert "Kalendarz" in html
