import pytest

from followup.core.exceptions import FieldErrors, NotAllowed, NotFound, StaleEdit
from followup.deals.services import deal_create
from followup.memos import services
from followup.memos.access import memo_get
from followup.memos.models import MemoStatus
from followup.notifications.delivery import deliver_outbox
from followup.notifications.models import Event, Notification
from followup.tasks.models import Source


def memo(world, *, send=False, subscribers=(), **kwargs):
    return services.memo_create(actor=world.alice, title="New pricing", body="Let us talk.",
                                recipient_id=kwargs.pop("recipient", world.bob).pk,
                                subscriber_ids=[u.pk for u in subscribers], send=send, **kwargs)


def test_draft_notifies_nobody(world):
    memo(world, subscribers=[world.oscar])
    assert Notification.objects.count() == 0


def test_draft_is_seen_by_its_author_only(world):
    m = memo(world, subscribers=[world.oscar])
    assert memo_get(actor=world.alice, memo_id=m.pk) == m
    for other in (world.bob, world.oscar, world.carol):
        with pytest.raises(NotFound):
            memo_get(actor=other, memo_id=m.pk)


def test_sending_notifies_recipient_and_subscribers(world):
    m = memo(world, subscribers=[world.oscar])
    services.memo_send(actor=world.alice, memo_id=m.pk)
    got = set(Notification.objects.filter(event=Event.MEMO_SENT).values_list("recipient_id", flat=True))
    assert got == {world.bob.pk, world.oscar.pk}


def test_sent_memo_is_seen_by_recipient_subscribers_and_managers(world):
    m = memo(world, send=True, subscribers=[world.oscar])
    for viewer in (world.bob, world.oscar, world.carol):
        assert memo_get(actor=viewer, memo_id=m.pk) == m


def test_sent_memo_is_hidden_from_others(world):
    m = memo(world, send=True)
    other = world.user("dave")
    with pytest.raises(NotFound):
        memo_get(actor=other, memo_id=m.pk)
    with pytest.raises(NotFound):
        memo_get(actor=world.mallory, memo_id=m.pk)


def test_recipient_must_be_head_or_manager(world):
    with pytest.raises(FieldErrors) as exc:
        memo(world, recipient=world.oscar)
    assert "recipient_id" in exc.value.errors


def test_company_manager_can_receive_a_memo(world):
    assert memo(world, recipient=world.carol).recipient == world.carol


def test_recipient_of_another_organization_is_refused(world):
    with pytest.raises(FieldErrors) as exc:
        memo(world, recipient=world.mallory)
    assert "recipient_id" in exc.value.errors


def test_review_notifies_author_by_email(world, smtp_inbox):
    m = memo(world, send=True)
    deliver_outbox()
    smtp_inbox.messages.clear()
    services.memo_review(actor=world.bob, memo_id=m.pk)
    assert deliver_outbox() == 1
    [mail] = smtp_inbox.messages
    assert mail["to"] == ["alice@example.com"]
    assert "reviewed your memo" in mail["subject"]
    assert f"/memos/{m.pk}/" in mail["body"]


def test_author_cannot_edit_after_review(world):
    m = memo(world, send=True)
    services.memo_review(actor=world.bob, memo_id=m.pk)
    with pytest.raises(NotAllowed):
        services.memo_update(actor=world.alice, memo_id=m.pk, title="Changed")


def test_task_operator_sees_and_corrects_other_peoples_sent_memos_even_reviewed(world):
    """J4: the operator role exists to correct other users' objects."""
    m = memo(world, send=True)
    assert memo_get(actor=world.oscar, memo_id=m.pk) == m
    services.memo_review(actor=world.bob, memo_id=m.pk)
    assert services.memo_update(actor=world.oscar, memo_id=m.pk, title="Typo fixed").title == "Typo fixed"


def test_task_operator_never_sees_someone_elses_draft(world):
    m = memo(world)
    with pytest.raises(NotFound):
        services.memo_update(actor=world.oscar, memo_id=m.pk, title="x")


def test_a_member_who_is_no_author_cannot_edit_even_as_recipient(world):
    m = memo(world, send=True, recipient=world.bob)
    with pytest.raises(NotAllowed, match="author, a task operator"):
        services.memo_update(actor=world.bob, memo_id=m.pk, title="Mine now")


def test_author_can_edit_a_sent_memo_before_review(world):
    m = memo(world, send=True)
    assert services.memo_update(actor=world.alice, memo_id=m.pk, title="Changed").title == "Changed"


def test_only_the_recipient_reviews(world):
    m = memo(world, send=True, subscribers=[world.oscar])
    with pytest.raises(NotAllowed):
        services.memo_review(actor=world.oscar, memo_id=m.pk)


def test_recipient_postpones(world):
    m = memo(world, send=True)
    assert services.memo_postpone(actor=world.bob, memo_id=m.pk).status == MemoStatus.POSTPONED


def test_task_from_memo_copies_author_and_subscribers(world):
    m = memo(world, send=True, subscribers=[world.oscar])
    task = services.memo_task_create(actor=world.bob, memo_id=m.pk, title=m.title, description=m.body,
                                     due_date=world.task().due_date)
    assert set(task.subscribers.values_list("pk", flat=True)) == {world.alice.pk, world.oscar.pk}
    assert task.memo_id == m.pk and task.source == Source.MEMO and task.customer_id is None


def test_task_from_deal_memo_takes_the_deal_customer(world):
    customer = world.customer()
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Renewal", amount="100")
    m = memo(world, send=True, deal_id=deal.pk)
    task = services.memo_task_create(actor=world.bob, memo_id=m.pk, title="Call", due_date=world.task().due_date)
    assert task.customer_id == customer.pk and task.deal_id == deal.pk


def test_project_from_memo_copies_author_and_subscribers(world):
    m = memo(world, send=True, subscribers=[world.oscar])
    project = services.memo_project_create(actor=world.bob, memo_id=m.pk, name="Pricing", description=m.body)
    assert set(project.subscribers.values_list("pk", flat=True)) == {world.alice.pk, world.oscar.pk}
    assert project.memo_id == m.pk and project.owner == world.bob


def test_sent_memo_reaches_recipient_and_subscribers_by_email(world, smtp_inbox):
    memo(world, send=True, subscribers=[world.oscar])
    assert deliver_outbox() == 2
    assert sorted(m["to"][0] for m in smtp_inbox.messages) == ["bob@example.com", "oscar@example.com"]


def test_edit_of_an_older_version_is_refused_and_changes_nothing(world):
    m = memo(world)
    services.memo_update(actor=world.alice, memo_id=m.pk, version=1, title="First")
    with pytest.raises(StaleEdit) as exc:
        services.memo_update(actor=world.alice, memo_id=m.pk, version=1, title="Second")
    assert exc.value.current == 2
    m.refresh_from_db()
    assert (m.title, m.version) == ("First", 2)


def test_sending_and_reviewing_move_the_version_on(world):
    m = memo(world)
    services.memo_send(actor=world.alice, memo_id=m.pk)
    services.memo_review(actor=world.bob, memo_id=m.pk)
    m.refresh_from_db()
    assert m.version == 3
