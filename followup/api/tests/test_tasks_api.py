"""Task endpoints, one behaviour a test. alice: member of Sales, bob: her head, carol: manager,
oscar: task operator, mallory: another organization."""

import datetime as dt

from followup.tasks.models import HistoryAction, Priority, StatusCategory, Task, TaskStatus, TaskType
from followup.tasks.services import task_complete

DAY = dt.date(2026, 5, 4)


def new_task(world, **overrides):
    body = {
        "title": "Call ACME", "customer_id": world.customer().id, "assignee_ids": [world.alice.id],
        "priority": "high", "due_date": "2026-05-04",
    }
    body.update(overrides)
    return body


def titles(r):
    assert r.status_code == 200, r.content
    return [t["title"] for t in r.json()["items"]]


# --- Lists -------------------------------------------------------------------------------


def test_default_list_is_my_pending(world, api):
    world.task("Mine")
    world.task("Bob's", actor=world.bob)
    world.task("Done")
    task_complete(actor=world.alice, task_id=Task.objects.get(title="Done").id)
    assert titles(api(world.alice).get("tasks")) == ["Mine"]


def test_unassigned_view_lists_tasks_without_assignees(world, api):
    world.task("Nobody's", actor=world.bob, assignees=[])
    world.task("Mine")
    assert titles(api(world.alice).get("tasks", view="unassigned")) == ["Nobody's"]


def test_all_pending_view_is_limited_to_what_a_member_sees(world, api):
    world.task("Mine")
    world.task("Carol's private", actor=world.carol)
    assert titles(api(world.alice).get("tasks", view="all_pending")) == ["Mine"]
    assert sorted(titles(api(world.carol).get("tasks", view="all_pending"))) == ["Carol's private", "Mine"]


def test_completed_view_lists_what_i_completed(world, api):
    task = world.task("Finished")
    world.task("Open")
    task_complete(actor=world.alice, task_id=task.id)
    assert titles(api(world.alice).get("tasks", view="completed")) == ["Finished"]


def test_search_matches_customer_name(world, api):
    world.task("Call", customer=world.customer("Zebra Logistics"))
    world.task("Other")
    assert titles(api(world.alice).get("tasks", q="zebra")) == ["Call"]


def test_filter_by_priority_name(world, api):
    world.task("Urgent one", priority=Priority.URGENT)
    world.task("Low one", priority=Priority.LOW)
    assert titles(api(world.alice).get("tasks", priority="urgent")) == ["Urgent one"]


def test_filter_overdue(world, api):
    world.task("Late", due_date=dt.date.today() - dt.timedelta(days=3))
    world.task("Later", due_date=dt.date.today() + dt.timedelta(days=3))
    assert titles(api(world.alice).get("tasks", overdue="true")) == ["Late"]


def test_filter_due_range(world, api):
    for day in (1, 10, 20):
        world.task(f"Day {day}", due_date=dt.date(2026, 5, day))
    assert titles(api(world.alice).get("tasks", due_from="2026-05-05", due_to="2026-05-15")) == ["Day 10"]


def test_filter_by_status_and_type(world, api):
    call = TaskType.objects.get(organization=world.org, name="Phone call")
    in_progress = TaskStatus.objects.get(organization=world.org, name="In Progress")
    world.task("Call in progress", type_id=call.id, status_id=in_progress.id)
    world.task("Plain")
    alice = api(world.alice)
    assert titles(alice.get("tasks", type=call.id)) == ["Call in progress"]
    assert titles(alice.get("tasks", status=in_progress.id)) == ["Call in progress"]


def test_filter_by_assignee(world, api):
    world.task("Bob's", actor=world.carol, assignees=[world.bob])
    world.task("Alice's", actor=world.carol, assignees=[world.alice])
    assert titles(api(world.carol).get("tasks", view="all_pending", assignee=world.bob.id)) == ["Bob's"]


def test_all_includes_closed_tasks(world, api):
    task = world.task("Done")
    task_complete(actor=world.alice, task_id=task.id)
    alice = api(world.alice)
    assert titles(alice.get("tasks", view="all_pending")) == []
    assert titles(alice.get("tasks", view="all_pending", all="true")) == ["Done"]


def test_sort_by_priority_descending(world, api):
    world.task("Low", priority=Priority.LOW)
    world.task("Urgent", priority=Priority.URGENT)
    world.task("Medium", priority=Priority.MEDIUM)
    assert titles(api(world.alice).get("tasks", sort="-priority")) == ["Urgent", "Medium", "Low"]


def test_pages_link_to_the_next_page_without_totals(world, api):
    world.tasks(3)
    r = api(world.alice).get("tasks", size=2, q="Task")
    body = r.json()
    assert body["has_next"] is True and len(body["items"]) == 2
    assert "total" not in body and "count" not in body
    assert "page=2" in body["next"] and "q=Task" in body["next"] and body["next"].startswith("http")


def test_last_page_has_no_next(world, api):
    world.tasks(3)
    body = api(world.alice).get("tasks", size=2, page=2).json()
    assert body["has_next"] is False and body["next"] is None and len(body["items"]) == 1


def test_list_item_shows_customer_assignees_and_status(world, api):
    world.task(assignees=[world.alice, world.bob])
    item = api(world.alice).get("tasks").json()["items"][0]
    assert item["customer"]["name"] == "ACME Corp"
    assert {a["username"] for a in item["assignees"]} == {"alice", "bob"}
    assert item["is_team_task"] is True
    assert item["status"] == {"id": item["status"]["id"], "name": "Not Started", "category": "open", "color": "slate"}
    assert item["priority"] == "medium"


# --- Create ------------------------------------------------------------------------------


def test_create_answers_201_with_the_task(world, api):
    r = api(world.alice).post("tasks", new_task(world))
    assert r.status_code == 201
    body = r.json()
    assert body["title"] == "Call ACME" and body["priority"] == "high" and body["source"] == "api"
    assert body["status"]["name"] == "Not Started" and body["version"] == 1
    assert Task.objects.get(pk=body["id"]).source == "api"


def test_create_with_empty_assignees_makes_an_unassigned_task(world, api):
    r = api(world.alice).post("tasks", new_task(world, assignee_ids=[]))
    assert r.status_code == 201
    assert r.json()["assignees"] == []
    assert Task.objects.get(pk=r.json()["id"]).assignee_count == 0


def test_create_stores_due_time_in_utc_from_the_users_time_zone(world, api):
    world.alice.time_zone = "Europe/Warsaw"
    world.alice.save()
    r = api(world.alice).post("tasks", new_task(world, due_time="10:30", duration_minutes=30))
    assert r.json()["due_at"] == "2026-05-04T08:30:00Z"


def test_create_names_every_missing_field(world, api):
    r = api(world.alice).post("tasks", {})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"title", "customer_id", "assignee_ids", "priority", "due_date"}


def test_create_with_null_customer_is_refused(world, api):
    r = api(world.alice).post("tasks", new_task(world, customer_id=None))
    assert r.status_code == 422
    assert list(r.json()["errors"]) == ["customer_id"]


def test_create_with_status_and_type(world, api):
    status = TaskStatus.objects.get(organization=world.org, name="In Progress")
    task_type = TaskType.objects.get(organization=world.org, name="Meeting")
    body = api(world.alice).post("tasks", new_task(world, status_id=status.id, type_id=task_type.id)).json()
    assert body["status"]["name"] == "In Progress" and body["type"]["name"] == "Meeting"


# --- One task ----------------------------------------------------------------------------


def test_detail_has_every_field_and_an_etag(world, api):
    task = world.task(description="Ask about the renewal")
    r = api(world.alice).get(f"tasks/{task.id}")
    assert r.status_code == 200
    assert r["ETag"] == '"1"'
    body = r.json()
    assert body["description"] == "Ask about the renewal"
    assert body["owner"]["username"] == "alice"
    assert body["status"]["category"] == "open"
    assert body["created_at"].endswith("Z")


def test_member_cannot_see_a_task_they_do_not_take_part_in(world, api):
    task = world.task(actor=world.carol, assignees=[world.bob])
    assert api(world.alice).get(f"tasks/{task.id}").status_code == 404


def test_member_sees_an_unassigned_task(world, api):
    task = world.task(actor=world.carol, assignees=[])
    assert api(world.alice).get(f"tasks/{task.id}").status_code == 200


def test_patch_with_version_in_body(world, api):
    task = world.task()
    r = api(world.alice).patch(f"tasks/{task.id}", {"version": 1, "title": "Call back tomorrow", "priority": "low"})
    assert r.status_code == 200
    assert r.json()["title"] == "Call back tomorrow" and r.json()["priority"] == "low"
    assert r["ETag"] == '"2"'


def test_patch_with_if_match_header(world, api):
    task = world.task()
    r = api(world.alice).patch(f"tasks/{task.id}", {"title": "New"}, headers={"If-Match": '"1"'})
    assert r.status_code == 200 and r.json()["version"] == 2


def test_patch_without_version_is_refused(world, api):
    task = world.task()
    r = api(world.alice).patch(f"tasks/{task.id}", {"title": "New"})
    assert r.status_code == 422
    assert "version" in r.json()["errors"]


def test_patch_leaves_fields_not_sent(world, api):
    task = world.task(description="Keep me")
    api(world.alice).patch(f"tasks/{task.id}", {"version": 1, "title": "New"})
    task.refresh_from_db()
    assert task.description == "Keep me" and task.assignee_count == 1


def test_two_patches_with_the_same_version_one_wins_one_gets_409(world, api):
    task = world.task(assignees=[world.alice, world.bob])
    first = api(world.alice).patch(f"tasks/{task.id}", {"version": 1, "title": "Alice's title"})
    second = api(world.bob).patch(f"tasks/{task.id}", {"version": 1, "title": "Bob's title"})
    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["version"] == 2
    task.refresh_from_db()
    assert task.title == "Alice's title" and task.version == 2


def test_patch_records_history(world, api):
    task = world.task()
    alice = api(world.alice)
    alice.patch(f"tasks/{task.id}", {"version": 1, "priority": "urgent"})
    history = alice.get(f"tasks/{task.id}/history").json()
    assert history[0]["action"] == HistoryAction.UPDATED
    assert history[0]["changes"] == [{"field": "priority", "old": "Medium", "new": "Urgent"}]
    assert history[0]["actor"]["username"] == "alice"


def test_member_cannot_patch_a_task_they_do_not_see(world, api):
    task = world.task(actor=world.bob, assignees=[world.bob])
    r = api(world.alice).patch(f"tasks/{task.id}", {"version": 1, "title": "x"})
    assert r.status_code == 404
    task.refresh_from_db()
    assert task.title == "Call back"


def test_delete_answers_204_and_the_task_is_gone(world, api):
    task = world.task()
    alice = api(world.alice)
    assert alice.delete(f"tasks/{task.id}").status_code == 204
    assert alice.get(f"tasks/{task.id}").status_code == 404


def test_assignee_who_is_not_owner_may_not_delete(world, api):
    task = world.task(actor=world.bob, assignees=[world.alice])
    r = api(world.alice).delete(f"tasks/{task.id}")
    assert r.status_code == 403
    assert Task.objects.filter(pk=task.id).exists()


def test_delete_with_stale_if_match_is_409(world, api):
    task = world.task()
    r = api(world.alice).delete(f"tasks/{task.id}", headers={"If-Match": '"7"'})
    assert r.status_code == 409
    assert Task.objects.filter(pk=task.id).exists()


def test_complete_and_reopen(world, api):
    task = world.task()
    alice = api(world.alice)
    done = alice.post(f"tasks/{task.id}/complete")
    assert done.status_code == 200 and done.json()["status"]["category"] == StatusCategory.DONE
    assert done.json()["completed_by"]["username"] == "alice"
    again = alice.post(f"tasks/{task.id}/reopen", {"version": 2})
    assert again.status_code == 200 and again.json()["is_pending"] is True


def test_complete_with_stale_version_is_409(world, api):
    task = world.task()
    r = api(world.alice).post(f"tasks/{task.id}/complete", {"version": 5})
    assert r.status_code == 409
    task.refresh_from_db()
    assert task.is_pending


def test_reassign(world, api):
    task = world.task()
    r = api(world.alice).post(f"tasks/{task.id}/reassign", {"assignee_ids": [world.bob.id]})
    assert r.status_code == 200
    assert [a["username"] for a in r.json()["assignees"]] == ["bob"]


def test_set_status(world, api):
    task = world.task()
    status = TaskStatus.objects.get(organization=world.org, name="In Progress")
    r = api(world.alice).post(f"tasks/{task.id}/status", {"status_id": status.id})
    assert r.status_code == 200 and r.json()["status"]["name"] == "In Progress"


def test_set_status_of_other_organization_is_refused(world, api):
    task = world.task()
    foreign = TaskStatus.objects.filter(organization=world.other_org).first()
    r = api(world.alice).post(f"tasks/{task.id}/status", {"status_id": foreign.id})
    assert r.status_code == 422 and "status_id" in r.json()["errors"]


# --- Notes and history -------------------------------------------------------------------


def test_add_and_list_notes(world, api):
    task = world.task()
    bob = api(world.bob)
    assert api(world.alice).post(f"tasks/{task.id}/notes", {"body": "Left a voicemail"}).status_code == 201
    task_with_bob = world.task(assignees=[world.alice, world.bob])
    bob.post(f"tasks/{task_with_bob.id}/notes", {"body": "Me too"})
    notes = api(world.alice).get(f"tasks/{task.id}/notes").json()
    assert [n["body"] for n in notes] == ["Left a voicemail"]
    assert notes[0]["author"]["username"] == "alice"


def test_empty_note_is_refused(world, api):
    task = world.task()
    r = api(world.alice).post(f"tasks/{task.id}/notes", {"body": "   "})
    assert r.status_code == 422 and "body" in r.json()["errors"]


def test_history_starts_with_created(world, api):
    task = world.task()
    history = api(world.alice).get(f"tasks/{task.id}/history").json()
    assert [h["action"] for h in history] == ["created"]


# --- Bulk --------------------------------------------------------------------------------


def test_bulk_complete(world, api):
    tasks = world.tasks(3)
    r = api(world.alice).post("tasks/bulk", {"action": "complete", "task_ids": [t.id for t in tasks]})
    assert r.status_code == 200 and r.json() == {"action": "complete", "count": 3}
    assert not Task.objects.filter(is_pending=True).exists()


def test_bulk_is_all_or_nothing(world, api):
    mine = world.task("Mine")
    bobs = world.task("Bob's", actor=world.bob, assignees=[world.alice, world.bob])
    r = api(world.alice).post("tasks/bulk", {"action": "delete", "task_ids": [mine.id, bobs.id]})
    assert r.status_code == 403
    assert Task.objects.filter(pk__in=[mine.id, bobs.id]).count() == 2


def test_bulk_with_a_task_of_another_organization_changes_nothing(world, api):
    mine = world.task()
    foreign = world.task(actor=world.mallory)
    r = api(world.alice).post("tasks/bulk", {"action": "complete", "task_ids": [mine.id, foreign.id]})
    assert r.status_code == 422 and "task_ids" in r.json()["errors"]
    mine.refresh_from_db()
    assert mine.is_pending


def test_bulk_reassign_needs_assignees(world, api):
    task = world.task()
    r = api(world.alice).post("tasks/bulk", {"action": "reassign", "task_ids": [task.id]})
    assert r.status_code == 422 and "assignee_ids" in r.json()["errors"]


def test_bulk_reassign(world, api):
    tasks = world.tasks(2)
    r = api(world.alice).post("tasks/bulk", {
        "action": "reassign", "task_ids": [t.id for t in tasks], "assignee_ids": [world.bob.id],
    })
    assert r.status_code == 200
    assert titles(api(world.bob).get("tasks")) == ["Task 0", "Task 1"]


# --- Settings lists and counts -----------------------------------------------------------


def test_task_types_of_my_organization(world, api):
    names = [t["name"] for t in api(world.alice).get("task-types").json()]
    assert names == ["E-mail", "Phone call", "Offer", "Project", "Meeting", "Online meeting"]


def test_task_statuses_with_categories(world, api):
    statuses = api(world.alice).get("task-statuses").json()
    assert [(s["name"], s["category"]) for s in statuses] == [
        ("Not Started", "open"), ("In Progress", "in_progress"), ("Completed", "done"), ("Canceled", "canceled"),
    ]
    assert statuses[0]["is_default"] is True


def test_counts_is_my_pending_number(world, api):
    world.tasks(2)
    world.task(actor=world.bob)
    assert api(world.alice).get("counts").json() == {"my_pending": 2}


def test_me(world, api):
    world.tasks(2)
    body = api(world.alice).get("me").json()
    assert body["name"] == "Alice Archer" and body["role"] == "member" and body["time_zone"] == "UTC"
    assert body["organization"]["name"] == "Acme Sales" and body["department"]["name"] == "Sales"
    assert body["pending_count"] == 2
