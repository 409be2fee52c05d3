"""Settings › Task types and Task statuses as pages: every button goes through ``tasks.config``,
a bad field is shown next to it, and the lists run constant queries. The status handling and
task module switches change what everyone's pages show."""

import pytest
from django.urls import reverse

from followup.tasks import config
from followup.tasks.models import TaskStatus, TaskType


@pytest.fixture
def adam(world, login):
    return login(world.adam)


def test_adding_a_type_with_a_taken_name_shows_the_message_and_keeps_the_list(world, adam):
    r = adam.post(reverse("setup:task_types"), {"name": "E-mail", "icon": "mail"})
    html = r.content.decode()
    assert r.status_code == 422 and 'id="err-new-name"' in html and "already" in html
    assert html.count('class="setting-row') == 6


def test_renaming_retiring_and_moving_a_type_from_its_row(world, adam):
    offer = TaskType.objects.get(organization=world.org, name="Offer")
    url = reverse("setup:task_type", args=[offer.pk])
    assert adam.post(url, {"action": "rename", "name": "Quote", "icon": "document"}).status_code == 302
    adam.post(url, {"action": "up"})
    r = adam.post(url, {"action": "retire"}, follow=True)
    assert "“Quote” is retired" in r.content.decode()
    offer.refresh_from_db()
    assert (offer.name, offer.icon, offer.is_active, offer.position) == ("Quote", "document", False, 1)


def test_a_failed_rename_reopens_that_row_with_its_message(world, adam):
    offer = TaskType.objects.get(organization=world.org, name="Offer")
    r = adam.post(reverse("setup:task_type", args=[offer.pk]), {"action": "rename", "name": "", "icon": "offer"})
    html = r.content.decode()
    assert r.status_code == 422 and 'id="err-name"' in html and f'id="id_name_{offer.pk}"' in html


def test_a_used_status_offers_to_move_its_tasks_instead_of_changing_category(world, adam):
    in_progress = TaskStatus.objects.get(organization=world.org, name="In Progress")
    world.task("Call", status_id=in_progress.pk)
    html = adam.get(reverse("setup:task_statuses"), {"edit": in_progress.pk}).content.decode()
    assert "Tasks have this status, so its category stays." in html
    assert reverse("setup:task_status_replace", args=[in_progress.pk]) in html
    r = adam.post(reverse("setup:task_status", args=[in_progress.pk]),
                  {"action": "save", "name": "In Progress", "category": "done", "color": "blue"})
    assert r.status_code == 422 and "cannot change" in r.content.decode()


def test_moving_a_statuss_tasks_from_its_page(world, adam):
    in_progress = TaskStatus.objects.get(organization=world.org, name="In Progress")
    task = world.task("Call", status_id=in_progress.pk)
    page = adam.get(reverse("setup:task_status_replace", args=[in_progress.pk])).content.decode()
    assert "1 task has this status" in page
    r = adam.post(reverse("setup:task_status_replace", args=[in_progress.pk]),
                  {"target": "new", "name": "Waiting", "category": "open", "color": "amber"}, follow=True)
    assert "1 task moved to “Waiting”; “In Progress” is retired." in r.content.decode()
    task.refresh_from_db()
    assert task.status.name == "Waiting"


def test_a_move_without_a_name_for_the_new_status_names_the_field(world, adam):
    in_progress = TaskStatus.objects.get(organization=world.org, name="In Progress")
    r = adam.post(reverse("setup:task_status_replace", args=[in_progress.pk]),
                  {"target": "new", "name": "", "category": "open"})
    assert r.status_code == 422 and 'id="err-name"' in r.content.decode()
    assert TaskStatus.objects.get(pk=in_progress.pk).is_active


def test_status_handling_off_hides_the_status_field_and_filter(world, login):
    adam = login(world.adam)
    adam.post(reverse("setup:switch", args=["statuses_enabled"]))
    world.org.refresh_from_db()
    assert world.org.statuses_enabled is False
    alice = login(world.alice)
    task = world.task("Call ACME")
    assert 'name="status"' not in alice.get(reverse("tasks:new")).content.decode()
    assert 'name="status"' not in alice.get(reverse("tasks:edit", args=[task.pk])).content.decode()
    assert 'id="f-status"' not in alice.get(reverse("tasks:list")).content.decode()
    profile = alice.get(reverse("customers:detail", args=[task.customer_id])).content.decode()
    assert reverse("tasks:complete", args=[task.pk]) in profile
    assert reverse("tasks:status", args=[task.pk]) not in profile


def test_with_status_handling_off_a_new_task_gets_the_default_status(world, login):
    config_off = login(world.adam).post(reverse("setup:switch", args=["statuses_enabled"]))
    assert config_off.status_code == 302
    customer = world.customer()
    r = login(world.alice).post(reverse("tasks:new"), {
        "title": "Send the offer", "customer": customer.pk, "assignees": [world.alice.pk], "priority": 2,
        "due_date": "2030-01-10"})
    assert r.status_code == 302
    assert customer.tasks.get().status.is_default


def test_status_handling_on_shows_them_again(world, login):
    adam = login(world.adam)
    adam.post(reverse("setup:switch", args=["statuses_enabled"]))
    adam.post(reverse("setup:switch", args=["statuses_enabled"]), {"on": "1"})
    assert 'id="f-status"' in login(world.alice).get(reverse("tasks:list")).content.decode()


def test_the_task_module_switch_takes_the_tasks_away_and_back(world, login):
    adam = login(world.adam)
    r = adam.post(reverse("setup:switch", args=["tasks_enabled"]), follow=True)
    assert "The task module is off" in r.content.decode()
    assert login(world.alice).get(reverse("tasks:list")).status_code == 404
    off = login(world.adam).get(reverse("tasks:list")).content.decode()
    assert "under Settings → General" in off and f'href="{reverse("setup:general")}"' in off
    login(world.adam).post(reverse("setup:switch", args=["tasks_enabled"]), {"on": "1"})
    assert login(world.alice).get(reverse("tasks:list")).status_code == 200


@pytest.mark.parametrize("n", [2, 20])
def test_the_statuses_page_runs_constant_queries(world, adam, django_assert_max_num_queries, n):
    for i in range(n):
        config.task_status_add(actor=world.adam, name=f"Waiting {i}", category="in_progress")
    adam.get(reverse("setup:task_statuses"))
    # session, user + organization, header count, the moves, the statuses marked in use
    with django_assert_max_num_queries(5):
        adam.get(reverse("setup:task_statuses"))


@pytest.mark.parametrize("n", [2, 20])
def test_the_types_page_runs_constant_queries(world, adam, django_assert_max_num_queries, n):
    for i in range(n):
        config.task_type_add(actor=world.adam, name=f"Kind {i}")
    adam.get(reverse("setup:task_types"))
    # session, user + organization, header count, the types marked in use
    with django_assert_max_num_queries(4):
        adam.get(reverse("setup:task_types"))
