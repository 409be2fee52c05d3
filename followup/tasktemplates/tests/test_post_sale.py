"""L4: a sales process applies its won (or lost) template once per win (or loss), in the
background, owned by whoever closed the deal; L1: a new organization starts with one."""

import pytest

from followup.accounts.services import organization_create
from followup.automation.models import PendingEvent
from followup.automation.queue import events_process
from followup.core.exceptions import FieldErrors, NotAllowed, NotFound
from followup.deals.models import SalesProcess
from followup.deals.services import deal_create, deal_mark_lost, deal_mark_won, deal_reopen
from followup.tasks.models import Source, Task, TaskType
from followup.tasktemplates.defaults import POST_SALE_ITEMS
from followup.tasktemplates.models import PostSale, TaskTemplate
from followup.tasktemplates.postsale import post_sale_set
from followup.tasktemplates.services import template_create


@pytest.fixture
def sale(world, three_tasks):
    """A deal of Alice's customer in the organization's sales process, whose won template is
    "Onboarding" and lost template "Win back"."""
    process = SalesProcess.objects.filter(organization=world.org).order_by("id").first()
    won = three_tasks()
    lost = template_create(actor=world.adam, name="Win back", items=[{"title": "Ask why", "delay_days": 14}])
    post_sale_set(actor=world.adam, process_id=process.pk, won_template_id=won.pk, lost_template_id=lost.pk)
    customer = world.customer("Elena Marsh", owner=world.alice)
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Fleet renewal", process_id=process.pk)
    return deal, won, lost


def made_for(deal):
    return list(Task.objects.filter(deal=deal, source=Source.TEMPLATE).order_by("due_date", "id")
                .values_list("title", "owner__username", "origin_id"))


def test_a_won_deal_gets_the_won_template_once(world, sale):
    deal, won, _lost = sale

    deal_mark_won(actor=world.bob, deal_id=deal.pk)
    assert made_for(deal) == []  # in the background, not in the request
    assert events_process() == 1
    assert events_process() == 0

    assert made_for(deal) == [("Welcome call", "bob", won.pk), ("Send the guide", "bob", won.pk),
                              ("Kick-off meeting", "bob", won.pk)]
    with pytest.raises(FieldErrors):
        deal_mark_won(actor=world.bob, deal_id=deal.pk)  # already won: no second announcement
    events_process()
    assert len(made_for(deal)) == 3


def test_a_lost_deal_gets_the_lost_template_and_each_new_close_acts_once(world, sale):
    deal, won, lost = sale

    deal_mark_lost(actor=world.alice, deal_id=deal.pk)
    events_process()
    assert made_for(deal) == [("Ask why", "alice", lost.pk)]
    deal_reopen(actor=world.alice, deal_id=deal.pk)
    deal_mark_won(actor=world.alice, deal_id=deal.pk)
    events_process()
    assert [title for title, _who, _origin in made_for(deal)] == [
        "Welcome call", "Send the guide", "Kick-off meeting", "Ask why"]


def test_no_template_no_event(world):
    customer = world.customer()
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Plain")
    PostSale.objects.filter(process=deal.process).update(won_template=None)

    deal_mark_won(actor=world.alice, deal_id=deal.pk)

    assert not PendingEvent.objects.filter(kind="post_sale").exists()


def test_post_sale_templates_are_for_administrators_of_the_organization(world, sale):
    deal, won, _lost = sale
    with pytest.raises(NotAllowed):
        post_sale_set(actor=world.carol, process_id=deal.process_id, won_template_id=None)
    theirs = TaskTemplate.objects.create(organization=world.other_org, name="Theirs")
    with pytest.raises(FieldErrors) as caught:
        post_sale_set(actor=world.adam, process_id=deal.process_id, won_template_id=theirs.pk, lost_template_id="x")
    assert set(caught.value.errors) == {"won_template_id", "lost_template_id"}
    other_process = SalesProcess.objects.filter(organization=world.other_org).first()
    with pytest.raises(NotFound):
        post_sale_set(actor=world.adam, process_id=other_process.pk, won_template_id=won.pk)


def test_a_new_organization_starts_with_the_post_sale_template_on_its_sales_process(db):
    org = organization_create(name="Fresh", slug="fresh")

    template = TaskTemplate.objects.get(organization=org)
    process = SalesProcess.objects.get(organization=org)
    assert PostSale.objects.get(process=process).won_template == template
    assert template.skip_weekends
    types = dict(TaskType.objects.filter(organization=org).values_list("pk", "icon"))
    assert [(types[i.task_type_id], i.title, i.delay_days) for i in template.items.all()] == [
        (icon, str(title), delay) for icon, title, delay, _priority, _description in POST_SALE_ITEMS]


def test_organizations_made_before_templates_get_the_default_once(world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("followup.tasktemplates.migrations.0002_post_sale_for_existing_organizations")
    TaskTemplate.objects.filter(organization=world.org).delete()
    process = SalesProcess.objects.filter(organization=world.org).order_by("id").first()
    PostSale.objects.filter(process=process).delete()

    migration.add_defaults(apps, None)
    migration.add_defaults(apps, None)

    template = TaskTemplate.objects.get(organization=world.org)
    assert template.name == "Post-sale care" and template.items.count() == len(POST_SALE_ITEMS)
    assert PostSale.objects.get(process=process).won_template == template
    assert TaskTemplate.objects.filter(organization=world.other_org).count() == 1
