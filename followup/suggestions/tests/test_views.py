"""L2 in the browser's requests: the proposal on the task page, after the completed row and above
the list; accept (edited first), dismiss; Settings → Next tasks."""

import pytest

from followup.suggestions.models import NextTask, Suggestion, SuggestionStatus
from followup.suggestions.selectors import PANEL_LIMIT
from followup.tasks.bulk import tasks_bulk
from followup.tasks.models import Source, Task
from followup.tasks.services import task_complete

HTMX = {"HX-Request": "true"}


def _completed(world, email_task):
    task = email_task()
    task_complete(actor=world.alice, task_id=task.pk)
    return task, Suggestion.objects.get()


def test_the_rows_complete_button_answers_with_the_row_and_its_proposal(world, login, email_task):
    task = email_task()

    r = login(world.alice).post(f"/tasks/{task.pk}/complete/", {"next": "/tasks/"}, headers=HTMX)

    html = r.content.decode()
    s = Suggestion.objects.get()
    assert html.index(f'id="tt{task.pk}"') < html.index(f'id="suggestion-row-{s.pk}"')
    assert "Next task?" in html and "Call ACME Corp" in html


def test_a_task_without_a_next_task_answers_with_its_row_alone(world, login, types):
    task = world.task(type_id=types["meeting"].pk)

    html = login(world.alice).post(f"/tasks/{task.pk}/complete/", headers=HTMX).content.decode()

    assert "suggestion-row" not in html


def test_the_task_page_shows_the_proposal_after_completing(world, login, email_task):
    task, s = _completed(world, email_task)

    html = login(world.alice).get(f"/tasks/{task.pk}/").content.decode()

    assert f'id="suggestion-{s.pk}"' in html and "Call ACME Corp" in html


def test_someone_else_does_not_see_alices_proposal(world, login, email_task):
    task, _s = _completed(world, email_task)

    html = login(world.bob).get(f"/tasks/{task.pk}/").content.decode()

    assert "Next task?" not in html


def test_the_list_shows_every_open_proposal_after_a_batch_completion(world, login, email_task):
    tasks = [email_task(f"Offer {i}") for i in range(3)]
    client = login(world.alice)

    r = client.post("/tasks/bulk/", {"action": "complete", "task_ids": [t.pk for t in tasks]}, follow=True)

    html = r.content.decode()
    assert "Proposed next tasks (3)" in html
    assert all(f"after “Offer {i}”" in html for i in range(3))


def test_accept_as_proposed(world, login, email_task):
    _task, s = _completed(world, email_task)

    r = login(world.alice).post(f"/suggestions/{s.pk}/accept/", headers=HTMX)

    made = Task.objects.get(source=Source.SUGGESTION)
    assert r.status_code == 200 and f'href="/tasks/{made.pk}/"' in r.content.decode()
    assert made.title == "Call ACME Corp"


def test_accept_edited_first_in_the_users_date_format(world, login, email_task):
    _task, s = _completed(world, email_task)

    r = login(world.alice).post(f"/suggestions/{s.pk}/accept/", {"title": "Call Jan", "due_date": "06/01/2031",
                                                                  "next": "/tasks/"})

    made = Task.objects.get(source=Source.SUGGESTION)
    assert r.status_code == 302 and r["Location"] == "/tasks/"
    assert (made.title, made.due_date.isoformat()) == ("Call Jan", "2031-01-06")


def test_a_bad_date_is_named_and_makes_nothing(world, login, email_task):
    _task, s = _completed(world, email_task)

    r = login(world.alice).post(f"/suggestions/{s.pk}/accept/", {"due_date": "31/02/2031"}, headers=HTMX)

    assert "31 February 2031 does not exist." in r.content.decode()
    assert not Task.objects.filter(source=Source.SUGGESTION).exists()


def test_dismiss(world, login, email_task):
    _task, s = _completed(world, email_task)

    r = login(world.alice).post(f"/suggestions/{s.pk}/dismiss/", headers=HTMX)

    assert "Suggestion dismissed." in r.content.decode()
    assert Suggestion.objects.get().status == SuggestionStatus.DISMISSED


@pytest.mark.parametrize("who", ["bob", "mallory"])
def test_another_persons_suggestion_is_404(world, login, email_task, who):
    _task, s = _completed(world, email_task)
    client = login(getattr(world, who))

    assert client.post(f"/suggestions/{s.pk}/accept/").status_code == 404
    assert client.post(f"/suggestions/{s.pk}/dismiss/").status_code == 404


def test_the_task_page_with_a_proposal_runs_bounded_queries(world, login, email_task, django_assert_max_num_queries):
    task, _s = _completed(world, email_task)
    client = login(world.alice)
    client.get(f"/tasks/{task.pk}/")

    # The task page's own queries plus two: the proposal (with its type, customer and task) and
    # the types its "Edit first" offers.
    with django_assert_max_num_queries(16):
        client.get(f"/tasks/{task.pk}/")


@pytest.mark.parametrize("n", [1, 10])
def test_the_list_with_proposals_runs_constant_queries(world, login, email_task, n, django_assert_max_num_queries):
    for i in range(n):
        task_complete(actor=world.alice, task_id=email_task(f"Offer {i}").pk)
    client = login(world.alice)
    client.get("/tasks/")

    # The list's seven plus the open proposals (one query) and the types offered.
    with django_assert_max_num_queries(9):
        client.get("/tasks/")


def test_an_administrator_sets_a_next_task(world, login, types):
    r = login(world.adam).post(f"/suggestions/settings/{types['offer'].pk}/", {
        "action": "save", "next_type_id": types["phone"].pk, "title": "Ask about {title}", "delay_days": "3"})

    rule = NextTask.objects.get(after_type=types["offer"])
    assert r.status_code == 302
    assert (rule.next_type, rule.title, rule.delay_days) == (types["phone"], "Ask about {title}", 3)


def test_settings_name_each_bad_field(world, login, types):
    r = login(world.adam).post(f"/suggestions/settings/{types['offer'].pk}/", {
        "action": "save", "next_type_id": "999999", "title": "", "delay_days": "soon"})

    html = r.content.decode()
    assert r.status_code == 422 and not NextTask.objects.filter(after_type=types["offer"]).exists()
    assert "Name the proposed task." in html and "Enter a whole number of days from 0 to 365." in html
    assert "Choose one of the organization&#x27;s task types." in html


def test_clearing_a_next_task(world, login, types):
    login(world.adam).post(f"/suggestions/settings/{types['mail'].pk}/", {"action": "clear"})

    assert not NextTask.objects.filter(after_type=types["mail"]).exists()


@pytest.mark.parametrize("who", ["alice", "carol"])
def test_members_and_managers_get_403_in_settings(world, login, types, who):
    client = login(getattr(world, who))

    assert client.get("/suggestions/settings/").status_code == 403
    assert client.post(f"/suggestions/settings/{types['mail'].pk}/", {"action": "clear"}).status_code == 403


def test_another_organizations_type_is_404_in_settings(world, login):
    theirs = world.other_org.task_types.first()

    assert login(world.adam).post(f"/suggestions/settings/{theirs.pk}/", {"action": "clear"}).status_code == 404


def test_the_settings_page_lists_every_type_in_constant_queries(world, login, django_assert_max_num_queries):
    client = login(world.adam)
    client.get("/suggestions/settings/")

    # session, user + organization, header count, the types, the next tasks, the types offered
    with django_assert_max_num_queries(7):
        r = client.get("/suggestions/settings/")
    assert "Call {customer}" in r.content.decode()


def test_a_dismissed_proposal_leaves_the_task_page(world, login, email_task):
    task, s = _completed(world, email_task)
    client = login(world.alice)
    client.post(f"/suggestions/{s.pk}/dismiss/")

    assert "suggestions-panel" not in client.get(f"/tasks/{task.pk}/").content.decode()


def test_an_accepted_proposal_links_its_task_on_the_task_page(world, login, email_task):
    task, s = _completed(world, email_task)
    client = login(world.alice)
    client.post(f"/suggestions/{s.pk}/accept/")
    made = Task.objects.get(source=Source.SUGGESTION)

    assert f'href="/tasks/{made.pk}/"' in client.get(f"/tasks/{task.pk}/").content.decode()


def test_completing_on_the_customers_profile_shows_the_proposal_under_its_row(world, login, email_task):
    task = email_task()
    done = task.organization.task_statuses.get(category="done")

    html = login(world.alice).post(f"/tasks/{task.pk}/status/", {"status": done.pk, "row": "customer"},
                                   headers=HTMX).content.decode()

    assert html.index(f'id="ctask-{task.pk}"') < html.index("suggestion-row") and "Call ACME Corp" in html


def test_the_list_names_when_more_proposals_wait_than_it_shows(world, login, email_task):
    tasks = [email_task(f"Offer {i}") for i in range(PANEL_LIMIT + 1)]
    tasks_bulk(actor=world.alice, action="complete", task_ids=[t.pk for t in tasks])

    html = login(world.alice).get("/tasks/").content.decode()

    assert html.count('class="suggestion-line"') == PANEL_LIMIT and "More proposals wait" in html


def test_a_proposal_without_a_type_is_accepted_without_one(world, login, types, email_task):
    NextTask.objects.filter(after_type=types["mail"]).update(next_type=None)
    task, s = _completed(world, email_task)
    client = login(world.alice)

    html = client.get(f"/tasks/{task.pk}/").content.decode()
    client.post(f"/suggestions/{s.pk}/accept/", {"title": s.title, "type": ""})

    assert '<option value="" selected>No type</option>' in html
    assert Task.objects.get(source=Source.SUGGESTION).type_id is None
