"""D9: what a submission does to customers, stages and tasks (``intake.submit``)."""

import pytest

from followup.automation.queue import events_process
from followup.core.exceptions import FieldErrors
from followup.customers.models import Customer, CustomerKind, Stage, StageChange
from followup.intake.models import Submission
from followup.intake.submit import form_submit
from followup.tasks.models import Source, Task
from followup.tasks.origins import origin_text

SENT = {"name": "Zoe Zimmer", "email": "zoe@example.org", "phone": "+48 600 100 200", "notes": "Call me"}


def test_a_new_e_mail_makes_a_customer_owned_by_the_forms_author(world, contact):
    outcome = form_submit(form_id=contact.pk, values=SENT)
    customer = Customer.objects.get(email="zoe@example.org")
    assert (outcome.new_customer, customer.name, customer.owner, customer.organization) == (
        True, "Zoe Zimmer", world.adam, world.org)


def test_the_same_e_mail_in_other_case_finds_the_customer(world, contact):
    zoe = world.customer("Zoe Z.", email="Zoe@Example.org")
    outcome = form_submit(form_id=contact.pk, values=SENT)
    assert (outcome.customer.pk, outcome.new_customer, Customer.objects.filter(name__startswith="Zoe").count()) == (
        zoe.pk, False, 1)


def test_an_existing_customer_gets_only_its_blank_fields(world, contact):
    zoe = world.customer("Zoe Z.", email="zoe@example.org", phone="", notes="VIP")
    form_submit(form_id=contact.pk, values={**SENT, "name": "Stranger", "notes": "Overwrite"})
    zoe.refresh_from_db()
    assert (zoe.name, zoe.phone, zoe.notes) == ("Zoe Z.", "+48 600 100 200", "VIP")


def test_what_was_sent_is_kept_on_the_submission(world, contact):
    world.customer("Zoe Z.", email="zoe@example.org")
    form_submit(form_id=contact.pk, values={**SENT, "name": "Stranger"})
    assert Submission.objects.get().data["name"] == "Stranger"


def test_without_an_e_mail_the_phone_finds_the_customer(world, make_form):
    form = make_form(fields=[{"field": "phone", "label": "Phone", "required": True}])
    zoe = world.customer("Zoe", phone="+48 600 100 200")
    assert form_submit(form_id=form.pk, values={"phone": "+48 600 100 200"}).customer.pk == zoe.pk


def test_another_organizations_customer_is_not_found(world, contact):
    world.customer("Zoe elsewhere", organization=world.other_org, email="zoe@example.org")
    assert form_submit(form_id=contact.pk, values=SENT).new_customer is True


def test_a_company_is_found_or_made_by_name(world, contact):
    acme = world.customer("Acme", kind=CustomerKind.COMPANY)
    first = form_submit(form_id=contact.pk, values={**SENT, "company": "ACME"}).customer
    second = form_submit(form_id=contact.pk, values={**SENT, "email": "y@example.org", "company": "Initech"}).customer
    assert (first.company_id, second.company.name, second.company.kind) == (acme.pk, "Initech", CustomerKind.COMPANY)


def test_every_missing_and_wrong_field_is_named(contact):
    with pytest.raises(FieldErrors) as caught:
        form_submit(form_id=contact.pk, values={"email": "not-an-address"})
    assert set(caught.value.errors) == {"name", "email"}
    assert not Customer.objects.exists()


def test_consent_must_be_ticked_when_the_form_asks(make_form):
    form = make_form(consent_text="I agree to be contacted.")
    with pytest.raises(FieldErrors) as caught:
        form_submit(form_id=form.pk, values=SENT)
    assert list(caught.value.errors) == ["consent"]
    assert form_submit(form_id=form.pk, values={**SENT, "consent": "on"}).submission.consent is True


def test_a_task_is_made_for_the_assignee_naming_the_form(world, contact):
    outcome = form_submit(form_id=contact.pk, values=SENT)
    task = Task.objects.get()
    assert (task.title, task.source, task.origin_id, task.owner, list(task.assignees.all())) == (
        "Reply to Zoe Zimmer", Source.FORM, contact.pk, world.adam, [world.alice])
    assert outcome.submission.task == task
    assert origin_text(task) == "Created by the form “Contact us”"


def test_no_task_unless_the_form_says_so(make_form):
    form_submit(form_id=make_form().pk, values=SENT)
    assert not Task.objects.exists()


def test_a_new_customer_moves_to_the_forms_stage_and_fires_its_rules(world, make_form, rule):
    rule(stage=Stage.PROSPECT)
    form = make_form(stage=Stage.PROSPECT)
    customer = form_submit(form_id=form.pk, values=SENT).customer
    events_process()
    assert customer.stage == Stage.PROSPECT
    assert Task.objects.get(source=Source.AUTOMATION).customer == customer


def test_a_new_customer_entering_lead_fires_the_lead_rules(world, make_form, rule):
    rule(stage=Stage.LEAD)
    form_submit(form_id=make_form(stage=Stage.LEAD).pk, values=SENT)
    events_process()
    assert Task.objects.filter(source=Source.AUTOMATION).count() == 1
    assert StageChange.objects.get().new == Stage.LEAD


def test_an_existing_customer_keeps_its_stage(world, make_form):
    zoe = world.customer("Zoe", email="zoe@example.org", stage=Stage.CUSTOMER)
    form_submit(form_id=make_form(stage=Stage.LEAD).pk, values=SENT)
    zoe.refresh_from_db()
    assert (zoe.stage, StageChange.objects.count()) == (Stage.CUSTOMER, 0)


def test_a_submission_is_on_the_customers_history(world, contact, login, django_assert_max_num_queries):
    """C4: the History tab shows what was sent, through which form, with its task."""
    outcome = form_submit(form_id=contact.pk, values={"name": "Elena Marsh", "email": "elena@example.org",
                                                      "notes": "Call me <b>soon</b>"})
    client = login(world.alice)
    url = f"/customers/{outcome.customer.pk}/history/"
    with django_assert_max_num_queries(16):
        html = client.get(url).content.decode()

    assert "sent the form “Contact us”" in html and "a new customer" in html
    assert "Call me &lt;b&gt;soon&lt;/b&gt;" in html and "elena@example.org" in html
    assert f'href="/tasks/{outcome.submission.task_id}/"' in html
