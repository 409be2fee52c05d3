"""L1 (issue 14 §2): every new organization, however it is made, starts ready to use: the
default task types in Livespace's order, the statuses (one default, open), and a sales process
whose stages are rows with ids of their own, which Settings then edits."""

from django.urls import reverse

from followup.accounts.services import organization_create
from followup.deals.models import SalesStage
from followup.deals.services import deal_create
from followup.tasks.models import TaskStatus, TaskType


def test_a_new_organization_has_the_default_types_statuses_and_stages(db):
    org = organization_create(name="Initech")
    assert list(TaskType.objects.filter(organization=org).values_list("name", flat=True)) == [
        "E-mail", "Phone call", "Offer", "Project", "Meeting", "Online meeting"]
    assert list(TaskStatus.objects.filter(organization=org).values_list("name", "category", "is_default")) == [
        ("Not Started", "open", True), ("In Progress", "in_progress", False), ("Completed", "done", False),
        ("Canceled", "canceled", False)]
    stages = SalesStage.objects.filter(process__organization=org)
    assert list(stages.values_list("name", "position")) == [
        ("Qualification", 0), ("Needs analysis", 1), ("Proposal", 2), ("Negotiation", 3)]


def test_each_organization_has_stages_of_its_own(db):
    first, second = organization_create(name="One"), organization_create(name="Two")
    mine = set(SalesStage.objects.filter(process__organization=first).values_list("pk", flat=True))
    theirs = set(SalesStage.objects.filter(process__organization=second).values_list("pk", flat=True))
    assert mine and theirs and not mine & theirs


def test_the_defaults_are_ready_for_a_deal_and_editable_in_settings(world, login):
    deal = deal_create(actor=world.alice, customer_id=world.customer().pk, title="First deal")
    assert deal.stage.name == "Qualification"
    html = login(world.adam).get(reverse("setup:processes")).content.decode()
    assert "Needs analysis" in html and "Negotiation" in html
