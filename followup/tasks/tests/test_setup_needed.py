"""Issue 13 §1.3: a page that cannot work because of the organization's setup says what is
missing and who can fix it, instead of redirecting to itself forever (New Task without an
active open status) or showing a form error about a field nobody touched."""

from django.urls import reverse

from followup.tasks.models import StatusCategory, TaskStatus


def switch_off(world, category):
    TaskStatus.objects.filter(organization=world.org, category=category).update(is_active=False)


def test_new_task_without_an_open_status_explains_instead_of_redirecting(world, login):
    switch_off(world, StatusCategory.OPEN)
    response = login(world.alice).get(reverse("tasks:new"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "no active task status in the category “Open”" in html
    assert "An administrator of your organization can add one" in html
    assert reverse("admin:tasks_taskstatus_changelist") not in html  # alice cannot open the admin


def test_an_administrator_gets_the_admin_page_that_fixes_it(world, login):
    switch_off(world, StatusCategory.OPEN)
    html = login(world.adam).get(reverse("tasks:new")).content.decode()
    assert f'href="{reverse("admin:tasks_taskstatus_changelist")}"' in html


def test_creating_a_task_without_an_open_status_explains(world, login):
    customer = world.customer()
    switch_off(world, StatusCategory.OPEN)
    response = login(world.alice).post(reverse("tasks:new"), {
        "title": "Call", "customer": customer.pk, "assignees": [world.alice.pk], "priority": "2",
        "status": "", "due_date": "2030-01-02"})
    assert response.status_code == 409 and "no active task status" in response.content.decode()


def test_completing_without_a_done_status_explains(world, login):
    task = world.task()
    switch_off(world, StatusCategory.DONE)
    response = login(world.alice).post(reverse("tasks:complete", args=[task.pk]))
    assert response.status_code == 409
    assert "no active task status in the category “Done”" in response.content.decode()
    task.refresh_from_db()
    assert task.is_pending


def test_completing_in_place_without_a_done_status_shows_a_toast(world, login):
    task = world.task()
    switch_off(world, StatusCategory.DONE)
    response = login(world.alice).post(reverse("tasks:complete", args=[task.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Reswap"] == "none"
    assert "no active task status in the category “Done”" in response.content.decode()


def test_a_task_page_of_a_switched_off_module_says_so(world, login):
    task = world.task()
    world.org.tasks_enabled = False
    world.org.save()
    response = login(world.alice).get(reverse("tasks:detail", args=[task.pk]))
    assert response.status_code == 404
    assert "The task module is switched off for your organization." in response.content.decode()
