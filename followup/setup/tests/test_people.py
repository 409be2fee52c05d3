"""L8, people: inviting by e-mail (a real SMTP server receives the link, which works once),
roles, and a leaver's deactivation with their open tasks handed on in one step."""

import re

import pytest
from django.urls import reverse

from followup.accounts.invitations import invitation_path, invitation_user
from followup.accounts.models import Role, User
from followup.accounts.people import person_update, user_reactivate
from followup.accounts.services import api_token_create
from followup.core.exceptions import FieldErrors, NotAllowed
from followup.notifications.delivery import deliver_outbox
from followup.notifications.models import Event, Notification
from followup.setup.people import invitation_resend, person_deactivate, person_invite
from followup.tasks.models import HistoryEntry, Task
from followup.tasks.services import subtask_create


def invite(world, email="nina@example.com", **kwargs):
    return person_invite(actor=world.adam, email=email, first_name="Nina", last_name="Novak", **kwargs)


def test_an_invitation_reaches_the_invitee_by_smtp_with_a_link_to_choose_a_password(world, smtp_inbox):
    nina = invite(world, department_id=world.sales.pk)
    deliver_outbox()
    [mail] = smtp_inbox.messages
    assert mail["to"] == ["nina@example.com"]
    assert mail["subject"] == "Adam Admin invited you to Acme Sales on Followup"
    uid, token = re.search(r"http://\S+/welcome/(\S+)/(\S+)/", mail["body"]).groups()
    assert invitation_user(uid, token) == nina and "nina@example.com" in mail["body"]
    assert (nina.username, nina.department, nina.has_usable_password()) == ("nina@example.com", world.sales, False)


def test_the_link_signs_the_invitee_in_once_and_then_dies(world, client):
    nina = invite(world)
    path = invitation_path(nina)
    assert "Welcome to Acme Sales" in client.get(path).content.decode()
    r = client.post(path, {"password": "long-enough-secret", "password_again": "long-enough-secret"})
    assert r.status_code == 302 and r["Location"] == reverse("home")
    assert client.get(reverse("customers:list")).status_code == 200  # signed in
    nina.refresh_from_db()
    assert nina.check_password("long-enough-secret")
    client.logout()
    r = client.get(path)
    assert r.status_code == 404 and "no longer works" in r.content.decode()


def test_a_weak_or_mistyped_password_is_named_and_keeps_the_link_alive(world, client):
    nina = invite(world)
    r = client.post(invitation_path(nina), {"password": "password", "password_again": "passw0rd"})
    html = r.content.decode()
    assert r.status_code == 422 and 'id="err-password"' in html and 'id="err-password_again"' in html
    assert invitation_user(*invitation_path(nina).strip("/").split("/")[1:]) is not None


def test_a_tampered_link_is_refused(world, client):
    nina = invite(world)
    assert client.get(invitation_path(nina)[:-3] + "xyz/").status_code == 404
    assert client.get("/welcome/not-base64/abc/").status_code == 404


def test_a_password_reset_token_is_no_invitation(world, client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    nina = invite(world)
    uid = urlsafe_base64_encode(force_bytes(nina.pk))
    assert client.get(f"/welcome/{uid}/{default_token_generator.make_token(nina)}/").status_code == 404


def test_an_address_that_has_an_account_is_named(world):
    with pytest.raises(FieldErrors) as exc:
        invite(world, email="ALICE@example.com")
    assert list(exc.value.errors) == ["email"]


def test_every_bad_invitation_field_is_named_at_once(world):
    foreign = world.other_org.departments.create(name="Theirs")
    with pytest.raises(FieldErrors) as exc:
        person_invite(actor=world.adam, email="not an address", role="boss", department_id=foreign.pk,
                      first_name="x" * 151)
    assert set(exc.value.errors) == {"email", "role", "department_id", "first_name"}


def test_only_an_administrator_invites(world):
    with pytest.raises(NotAllowed):
        person_invite(actor=world.carol, email="nina@example.com")
    assert not User.objects.filter(email="nina@example.com").exists()


def test_a_new_invitation_goes_out_while_the_person_has_not_arrived(world, smtp_inbox):
    nina = invite(world)
    invitation_resend(actor=world.adam, user_id=nina.pk)
    deliver_outbox()
    assert [m["to"] for m in smtp_inbox.messages] == [["nina@example.com"], ["nina@example.com"]]
    with pytest.raises(FieldErrors):
        invitation_resend(actor=world.adam, user_id=world.alice.pk)


def test_the_invite_form_names_a_bad_field_and_keeps_the_input(world, login):
    r = login(world.adam).post(reverse("setup:people"), {"email": "alice@example.com", "first_name": "Al"})
    html = r.content.decode()
    assert r.status_code == 422 and 'id="err-email"' in html and 'value="Al"' in html


def test_a_role_change_gives_and_takes_the_admin_site(world):
    person_update(actor=world.adam, user_id=world.alice.pk, role=Role.ADMIN)
    world.alice.refresh_from_db()
    assert (world.alice.role, world.alice.is_staff) == ("admin", True)
    person_update(actor=world.adam, user_id=world.alice.pk, role=Role.MANAGER, department_id=None)
    world.alice.refresh_from_db()
    assert (world.alice.role, world.alice.is_staff, world.alice.department) == ("manager", False, None)


def test_the_last_administrator_cannot_step_down_or_be_deactivated(world):
    with pytest.raises(FieldErrors) as exc:
        person_update(actor=world.adam, user_id=world.adam.pk, role=Role.MEMBER)
    assert "needs an administrator" in exc.value.errors["role"][0]
    person_update(actor=world.adam, user_id=world.carol.pk, role=Role.ADMIN)
    world.carol.refresh_from_db()
    with pytest.raises(FieldErrors):
        person_deactivate(actor=world.carol, user_id=world.carol.pk)  # not oneself either
    person_deactivate(actor=world.carol, user_id=world.adam.pk)
    with pytest.raises(FieldErrors):
        person_update(actor=world.carol, user_id=world.carol.pk, role=Role.MEMBER)


def test_a_leaver_cannot_sign_in_or_use_a_token_any_more(world, client):
    _token, raw = api_token_create(user=world.bob, name="script")
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    client.force_login(world.bob)
    person_deactivate(actor=world.adam, user_id=world.bob.pk)
    assert client.get(reverse("customers:list")).status_code == 302  # the session is gone
    client.logout()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_a_leavers_open_tasks_go_to_the_successor_with_history_and_notices(world):
    mine = world.task("Call ACME", actor=world.bob, assignees=[world.bob])
    shared = world.task("Team offer", actor=world.carol, assignees=[world.bob, world.alice])
    done = world.task("Old call", actor=world.bob, assignees=[world.bob])
    Task.objects.filter(pk=done.pk).update(is_pending=False)
    told_before = Notification.objects.filter(recipient=world.bob).count()
    departure = person_deactivate(actor=world.adam, user_id=world.bob.pk, successor_id=world.oscar.pk)
    assert departure.tasks == 2 and [d.name for d in departure.headed] == ["Sales"]
    assert set(Task.objects.get(pk=mine.pk).assignees.all()) == {world.oscar}
    assert set(Task.objects.get(pk=shared.pk).assignees.all()) == {world.alice, world.oscar}
    assert set(Task.objects.get(pk=done.pk).assignees.all()) == {world.bob}
    entry = HistoryEntry.objects.filter(task=mine, action="reassigned").get()
    assert (entry.actor, entry.changes) == (world.adam, [{"field": "assignees", "old": "Bob Baker",
                                                         "new": "Oscar Ortiz"}])
    assert Notification.objects.filter(recipient=world.oscar, event=Event.TASK_REASSIGNED).count() == 2
    assert Notification.objects.filter(recipient=world.bob).count() == told_before  # a leaver hears nothing
    world.sales.refresh_from_db()
    assert world.sales.head is None


def test_a_leavers_tasks_may_go_to_the_unassigned_list(world):
    mine = world.task("Call ACME", actor=world.bob, assignees=[world.bob])
    person_deactivate(actor=world.adam, user_id=world.bob.pk)
    task = Task.objects.get(pk=mine.pk)
    assert task.assignee_count == 0 and not task.assignees.exists()


def test_a_successor_takes_over_a_performers_subtasks_too(world):
    main = world.task("Team offer", actor=world.carol, assignees=[world.bob, world.alice])
    sub = subtask_create(actor=world.bob, parent_id=main.pk, title="Price list", assignee_ids=[world.bob.pk],
                         due_date=main.due_date)
    person_deactivate(actor=world.adam, user_id=world.bob.pk, successor_id=world.oscar.pk)
    assert set(Task.objects.get(pk=sub.pk).assignees.all()) == {world.oscar}


def test_a_failed_hand_over_leaves_the_person_active(world):
    with pytest.raises(FieldErrors) as exc:
        person_deactivate(actor=world.adam, user_id=world.bob.pk, successor_id=world.mallory.pk)
    assert list(exc.value.errors) == ["successor_id"]
    world.bob.refresh_from_db()
    assert world.bob.is_active


def test_a_reactivated_person_comes_back_as_they_were(world):
    person_deactivate(actor=world.adam, user_id=world.bob.pk)
    user_reactivate(actor=world.adam, user_id=world.bob.pk)
    world.bob.refresh_from_db()
    assert (world.bob.is_active, world.bob.department, world.bob.role) == (True, world.sales, "member")


def test_the_deactivate_page_says_where_the_tasks_went(world, login):
    world.tasks(2, actor=world.bob, assignees=[world.bob])
    client = login(world.adam)
    r = client.post(reverse("setup:person_deactivate", args=[world.bob.pk]), {"successor_id": world.alice.pk},
                    follow=True)
    assert "Bob Baker is deactivated; 2 open tasks went to Alice Archer." in r.content.decode()
    assert "Name a new head for: Sales." in r.content.decode()


@pytest.mark.parametrize("n", [5, 30])
def test_the_people_page_runs_constant_queries(world, login, django_assert_max_num_queries, n):
    for i in range(n):
        world.user(f"p{i}", department=world.sales)
    client = login(world.adam)
    client.get(reverse("setup:people"))
    # session, user + organization, header count, the tab counts, the page with departments, its
    # open-task counts, the departments of the invite form
    with django_assert_max_num_queries(7):
        r = client.get(reverse("setup:people"), {"size": 25})
    assert r.status_code == 200
