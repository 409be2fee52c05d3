import datetime as dt

import pytest
from django.urls import reverse

from followup.tasks.models import Note, Priority, Source, StatusCategory, Task
from followup.tasks.services import task_complete, task_update


def post_new(client, **overrides):
    data = {"title": "Payment follow-up", "customer": "", "assignees": [], "priority": "2",
            "status": "", "due_date": dt.date.today().isoformat(), "description": ""}
    data.update(overrides)
    return client.post(reverse("tasks:new"), data)


@pytest.fixture
def alice(world, login):
    return login(world.alice)


# --- Lists ----------------------------------------------------------------------------------

@pytest.mark.parametrize("view", ["my_pending", "unassigned", "all_pending", "completed"])
def test_each_task_list_renders(world, alice, view):
    world.task("Ring Bob")
    assert alice.get(reverse("tasks:view", args=[view])).status_code == 200


def test_my_pending_lists_my_task(world, alice):
    world.task("Ring the client")
    assert "Ring the client" in alice.get(reverse("tasks:list")).content.decode()


def test_unknown_list_is_404(alice):
    assert alice.get("/tasks/everything/").status_code == 404


def test_list_needs_login(client, world):
    response = client.get(reverse("tasks:list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_header_badge_shows_my_pending_count(world, alice):
    world.tasks(3)
    assert '<span class="badge" id="task-badge"' in alice.get(reverse("tasks:list")).content.decode()
    assert ">3</span>" in alice.get(reverse("tasks:list")).content.decode()


def test_title_is_escaped(world, alice):
    world.task("<script>alert(1)</script>")
    html = alice.get(reverse("tasks:list")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_team_task_is_marked_team(world, alice):
    world.task("Team call", assignees=[world.alice, world.bob])
    assert "tag-team" in alice.get(reverse("tasks:list")).content.decode()


def test_search_finds_by_customer_name(world, alice):
    world.task("Ring", customer=world.customer("Zebra Ltd"))
    world.task("Mail", customer=world.customer("Other Co"))
    html = alice.get(reverse("tasks:list"), {"q": "zebra"}).content.decode()
    assert ">Ring</a>" in html and ">Mail</a>" not in html


def test_overdue_filter_shows_only_overdue(world, alice):
    world.task("Late", due_date=dt.date.today() - dt.timedelta(days=3))
    world.task("Future", due_date=dt.date.today() + dt.timedelta(days=3))
    html = alice.get(reverse("tasks:list"), {"overdue": "1"}).content.decode()
    assert ">Late</a>" in html and ">Future</a>" not in html


def test_priority_filter(world, alice):
    world.task("Hot", priority=Priority.URGENT)
    world.task("Cold", priority=Priority.LOW)
    html = alice.get(reverse("tasks:list"), {"priority": "4"}).content.decode()
    assert ">Hot</a>" in html and ">Cold</a>" not in html


def test_show_all_includes_completed(world, alice):
    task = world.task("Done one")
    task_complete(actor=world.alice, task_id=task.id)
    assert ">Done one</a>" not in alice.get(reverse("tasks:list")).content.decode()
    assert ">Done one</a>" in alice.get(reverse("tasks:list"), {"all": "1"}).content.decode()


@pytest.mark.parametrize("params", [
    {"due_from": "yesterday"}, {"due_to": "2024-13-45"}, {"priority": "9"}, {"priority": "x"},
    {"type": "abc"}, {"status": "1.5"}, {"assignee": "99999999999999999999999"}, {"sort": "drop table"},
    {"page": "-3"}, {"page": "abc"}, {"size": "100000"}, {"size": "x"}, {"q": "x" * 5000},
])
def test_garbage_filters_are_ignored_not_500(world, alice, params):
    world.task()
    response = alice.get(reverse("tasks:list"), params)
    assert response.status_code == 200


def test_bad_date_filter_is_named(alice):
    html = alice.get(reverse("tasks:list"), {"due_from": "yesterday"}).content.decode()
    assert "“Due from” ignored: Enter a date as DD/MM/YYYY." in html.replace("&ldquo;", "“").replace("&rdquo;", "”")


def test_pagination_has_next_without_totals(world, alice):
    world.tasks(12)
    html = alice.get(reverse("tasks:list"), {"size": "10"}).content.decode()
    assert 'rel="next"' in html and "page=2" in html
    assert 'rel="next"' not in alice.get(reverse("tasks:list"), {"size": "10", "page": "2"}).content.decode()


@pytest.mark.parametrize("size", [10, 100])
def test_task_list_runs_constant_queries(world, alice, django_assert_max_num_queries, size):
    world.tasks(size + 1, assignees=[world.alice, world.bob])
    # session, user + organization, header count, tasks page, assignees prefetch, the filter bar's
    # statuses and types (one query, tasks.filter_options), the reader's open next-task proposals
    # (L2); no people: the pickers (filter bar, batch bar, reassign dialog) search as one types.
    with django_assert_max_num_queries(7):
        response = alice.get(reverse("tasks:list"), {"size": size})
    assert response.content.decode().count('name="task_ids"') == size


@pytest.mark.parametrize("size", [10, 100])
def test_task_list_filtered_by_assignee_runs_constant_queries(world, login, django_assert_max_num_queries, size):
    world.tasks(size + 1, assignees=[world.bob])
    client = login(world.carol)
    # as above, and the filtered assignee's name for the filter bar's picker
    with django_assert_max_num_queries(8):
        response = client.get(reverse("tasks:view", args=["all_pending"]), {"size": size, "assignee": world.bob.pk})
    assert response.content.decode().count('name="task_ids"') == size


@pytest.mark.parametrize("size", [10, 100])
def test_all_pending_with_search_runs_constant_queries(world, login, django_assert_max_num_queries, size):
    world.tasks(size + 1)
    client = login(world.carol)
    # 8 on PostgreSQL: the search's probes (selectors._search_page) begin with the bound of the
    # list's top rows (selectors._dense_page), which a list this short does not have
    with django_assert_max_num_queries(8):
        client.get(reverse("tasks:view", args=["all_pending"]), {"size": size, "q": "Task", "overdue": "1"})


# --- New Task -------------------------------------------------------------------------------

def test_new_task_form_has_the_seed_fields(alice):
    html = alice.get(reverse("tasks:new")).content.decode()
    for label in ("Task Title", "Customer", "Assigned to", "Priority", "Task Status", "Due Date", "Description"):
        assert label in html
    assert 'placeholder="DD/MM/YYYY"' in html and "Not Started" in html


def test_new_task_is_created(world, alice):
    customer = world.customer()
    response = post_new(alice, customer=customer.pk, assignees=[world.alice.pk])
    assert response.status_code == 302
    task = Task.objects.get(title="Payment follow-up")
    assert task.customer == customer and task.source == Source.TASK_MODULE


def test_new_team_task_with_several_assignees(world, alice):
    post_new(alice, customer=world.customer().pk, assignees=[world.alice.pk, world.bob.pk])
    assert Task.objects.get(title="Payment follow-up").assignee_count == 2


def test_new_task_missing_fields_are_each_named_and_input_kept(world, alice):
    response = post_new(alice, title="", description="keep me", due_date="")
    html = response.content.decode()
    assert response.status_code == 422
    for field in ("title", "customer", "assignees", "due_date"):
        assert f'id="err-{field}"' in html
    assert "keep me" in html
    assert not Task.objects.exists()


def test_new_task_over_long_title(world, alice):
    response = post_new(alice, title="x" * 201, customer=world.customer().pk, assignees=[world.alice.pk])
    assert 'id="err-title"' in response.content.decode()
    assert not Task.objects.exists()


def test_new_task_unknown_priority(world, alice):
    response = post_new(alice, priority="7", customer=world.customer().pk, assignees=[world.alice.pk])
    assert "Choose Low, Medium, High or Urgent." in response.content.decode()


def test_new_task_bad_date_is_named_with_other_errors(world, alice):
    response = post_new(alice, due_date="31/02/2025", title="")
    html = response.content.decode()
    assert "31 February 2025 does not exist." in html and 'id="err-title"' in html
    assert 'value="31/02/2025"' in html  # kept as typed


def test_new_task_non_number_ids(world, alice):
    response = post_new(alice, customer="abc", assignees=["x"])
    html = response.content.decode()
    assert 'id="err-customer"' in html and 'id="err-assignees"' in html


def test_new_task_nonexistent_customer(world, alice):
    response = post_new(alice, customer="999999", assignees=[world.alice.pk])
    assert "Choose an existing customer." in response.content.decode()


def test_new_task_other_organizations_customer_is_refused(world, alice):
    foreign = world.customer(organization=world.other_org)
    response = post_new(alice, customer=foreign.pk, assignees=[world.alice.pk])
    assert "Choose an existing customer." in response.content.decode()
    assert not Task.objects.exists()


def test_new_task_other_organizations_person_is_refused(world, alice):
    response = post_new(alice, customer=world.customer().pk, assignees=[world.mallory.pk])
    assert 'id="err-assignees"' in response.content.decode()


def test_new_task_prefills_customer_from_customer_list(world, alice):
    customer = world.customer("Prefilled Ltd")
    html = alice.get(reverse("tasks:new"), {"customer": customer.pk, "source": "customer_list"}).content.decode()
    assert "Prefilled Ltd" in html and 'value="customer_list"' in html


def test_new_task_from_customer_profile_records_source(world, alice):
    customer = world.customer()
    alice.post(reverse("tasks:new") + "?source=customer_profile", {
        "title": "From profile", "customer": customer.pk, "assignees": [world.alice.pk], "priority": "2",
        "due_date": dt.date.today().isoformat(), "source": "customer_profile"})
    assert Task.objects.get(title="From profile").source == Source.CUSTOMER_PROFILE


def test_new_task_prefill_with_other_organizations_customer_is_404(world, alice):
    foreign = world.customer(organization=world.other_org)
    assert alice.get(reverse("tasks:new"), {"customer": foreign.pk}).status_code == 404


# --- Detail, notes, edit --------------------------------------------------------------------

def test_detail_shows_fields_and_contact_links(world, alice):
    task = world.task("Call", customer=world.customer("ACME", phone="+48 600 100 200", email="a@acme.test"),
                      description="line one\nline two")
    html = alice.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert 'href="tel:' in html and 'href="mailto:a@acme.test"' in html
    assert "line one<br>line two" in html


def test_detail_shows_history_in_users_time_zone(world, alice):
    world.alice.time_zone = "Asia/Tokyo"
    world.alice.save()
    task = world.task("Call")
    task_update(actor=world.alice, task_id=task.pk, title="Call again")
    html = alice.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "edited the task" in html and "Call again" in html


def test_note_is_added(world, alice):
    task = world.task()
    response = alice.post(reverse("tasks:note_add", args=[task.pk]), {"body": "Spoke to them"})
    assert response.status_code == 302
    assert Note.objects.get(task=task).body == "Spoke to them"


def test_empty_note_shows_error(world, alice):
    task = world.task()
    response = alice.post(reverse("tasks:note_add", args=[task.pk]), {"body": "  "})
    assert response.status_code == 422 and "Write the note first." in response.content.decode()


def test_edit_saves_fields(world, alice):
    task = world.task()
    response = alice.post(reverse("tasks:edit", args=[task.pk]), {
        "title": "Renamed", "customer": task.customer_id, "assignees": [world.alice.pk], "priority": "3",
        "status": task.status_id, "type": "", "due_date": "2030-01-02", "due_time": "09:30",
        "duration_minutes": "30", "description": "", "version": task.version})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.title == "Renamed" and task.due_at is not None and task.version == 2


def test_edit_with_stale_version_keeps_input(world, alice):
    task = world.task()
    task_update(actor=world.alice, task_id=task.pk, title="Changed elsewhere")
    response = alice.post(reverse("tasks:edit", args=[task.pk]), {
        "title": "My typing", "customer": task.customer_id, "assignees": [world.alice.pk], "priority": "2",
        "status": task.status_id, "due_date": task.due_date.isoformat(), "version": "1"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Changed by someone else." in html and 'value="My typing"' in html
    task.refresh_from_db()
    assert task.title == "Changed elsewhere"


def test_edit_bad_duration_is_named(world, alice):
    task = world.task()
    response = alice.post(reverse("tasks:edit", args=[task.pk]), {
        "title": "T", "customer": task.customer_id, "priority": "2", "status": task.status_id,
        "due_date": task.due_date.isoformat(), "duration_minutes": "ten", "version": task.version})
    assert 'id="err-duration_minutes"' in response.content.decode()


# --- Row and batch actions ------------------------------------------------------------------

def test_complete_then_reopen(world, alice):
    task = world.task()
    assert alice.post(reverse("tasks:complete", args=[task.pk])).status_code == 302
    task.refresh_from_db()
    assert task.status.category == StatusCategory.DONE
    alice.post(reverse("tasks:reopen", args=[task.pk]))
    task.refresh_from_db()
    assert task.is_pending


def test_complete_with_htmx_returns_the_row(world, alice):
    task = world.task("Swap me")
    response = alice.post(reverse("tasks:complete", args=[task.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith("<tr") and "is-closed" in html and "Reopen" in html


def test_reassign(world, alice):
    task = world.task()
    alice.post(reverse("tasks:reassign", args=[task.pk]), {"assignees": [world.bob.pk]})
    assert list(task.assignees.all()) == [world.bob]


def test_reassign_to_other_organization_is_refused(world, alice):
    task = world.task()
    response = alice.post(reverse("tasks:reassign", args=[task.pk]), {"assignees": [world.mallory.pk]}, follow=True)
    assert "Choose people of your organization." in response.content.decode()
    assert list(task.assignees.all()) == [world.alice]


def test_delete(world, alice):
    task = world.task()
    alice.post(reverse("tasks:delete", args=[task.pk]))
    assert not Task.objects.filter(pk=task.pk).exists()


def test_member_cannot_delete_someone_elses_task_gets_403(world, login):
    task = world.task(actor=world.bob, assignees=[world.bob, world.alice])
    response = login(world.alice).post(reverse("tasks:delete", args=[task.pk]))
    assert response.status_code == 403
    assert Task.objects.filter(pk=task.pk).exists()


def test_action_needs_post(world, alice):
    task = world.task()
    assert alice.get(reverse("tasks:complete", args=[task.pk])).status_code == 405


def test_bulk_complete(world, alice):
    tasks = world.tasks(3)
    response = alice.post(reverse("tasks:bulk"), {"action": "complete", "task_ids": [t.pk for t in tasks[:2]]})
    assert response.status_code == 302
    assert Task.objects.filter(is_pending=True).count() == 1


def test_bulk_delete(world, alice):
    tasks = world.tasks(2)
    alice.post(reverse("tasks:bulk"), {"action": "delete", "task_ids": [t.pk for t in tasks]})
    assert not Task.objects.exists()


def test_bulk_reassign(world, alice):
    tasks = world.tasks(2)
    alice.post(reverse("tasks:bulk"), {"action": "reassign", "assignee": world.bob.pk,
                                       "task_ids": [t.pk for t in tasks]})
    assert all(list(t.assignees.all()) == [world.bob] for t in tasks)


def test_bulk_with_foreign_task_changes_nothing(world, alice):
    mine = world.task()
    foreign = world.task(actor=world.mallory)
    response = alice.post(reverse("tasks:bulk"), {"action": "complete", "task_ids": [mine.pk, foreign.pk]},
                          follow=True)
    assert "was not found" in response.content.decode()
    mine.refresh_from_db()
    assert mine.is_pending


@pytest.mark.parametrize("data", [
    {"action": "explode", "task_ids": ["1"]}, {"action": "complete"}, {"action": "complete", "task_ids": ["x"]},
    {"action": "reassign", "task_ids": ["1"], "assignee": "bob"},
])
def test_bulk_bad_input_is_a_message_not_500(world, alice, data):
    response = alice.post(reverse("tasks:bulk"), data, follow=True)
    assert response.status_code == 200
    assert 'class="toast toast-error"' in response.content.decode()


def test_next_to_other_site_is_ignored(world, alice):
    task = world.task()
    response = alice.post(reverse("tasks:complete", args=[task.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("tasks:list")


# --- Isolation and D12 ----------------------------------------------------------------------

def _id_urls(task_id):
    return [
        ("get", reverse("tasks:detail", args=[task_id])),
        ("get", reverse("tasks:edit", args=[task_id])),
        ("post", reverse("tasks:edit", args=[task_id])),
        ("post", reverse("tasks:note_add", args=[task_id])),
        ("post", reverse("tasks:complete", args=[task_id])),
        ("post", reverse("tasks:reopen", args=[task_id])),
        ("post", reverse("tasks:status", args=[task_id])),
        ("post", reverse("tasks:reassign", args=[task_id])),
        ("post", reverse("tasks:delete", args=[task_id])),
    ]


def test_other_organizations_task_is_404_on_every_url(world, login):
    foreign = world.task(actor=world.mallory)
    client = login(world.alice)
    for method, url in _id_urls(foreign.pk):
        assert getattr(client, method)(url).status_code == 404, url
    assert Task.objects.filter(pk=foreign.pk, is_pending=True).exists()


def test_member_cannot_open_task_they_do_not_take_part_in(world, login):
    task = world.task(actor=world.bob, assignees=[world.bob])
    assert login(world.alice).get(reverse("tasks:detail", args=[task.pk])).status_code == 404


def test_member_can_open_unassigned_task(world, login):
    task = world.task(actor=world.bob, assignees=[])
    assert login(world.alice).get(reverse("tasks:detail", args=[task.pk])).status_code == 200


def test_task_module_switched_off_hides_tasks_and_answers_404(world, alice):
    world.org.tasks_enabled = False
    world.org.save()
    task = world.task()
    assert alice.get(reverse("tasks:list")).status_code == 404
    assert alice.get(reverse("tasks:new")).status_code == 404
    assert alice.get(reverse("tasks:detail", args=[task.pk])).status_code == 404
    html = alice.get(reverse("customers:list")).content.decode()
    assert 'href="/tasks/"' not in html


def test_root_redirects_to_task_list(alice):
    assert alice.get("/")["Location"] == reverse("tasks:list")
