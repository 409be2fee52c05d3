"""L3: templates are written by administrators, each bad field named, and applied in one step."""

import datetime as dt

import pytest

from followup.automation.models import AssignTo
from followup.core.exceptions import FieldErrors, NotAllowed, NotFound
from followup.deals.services import deal_create
from followup.projects.services import project_create
from followup.tasks.models import Source, Task
from followup.tasks.origins import origin_text
from followup.tasktemplates.apply import template_apply
from followup.tasktemplates.models import TaskTemplate
from followup.tasktemplates.services import template_create, template_delete, template_update

FRIDAY = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC)


def test_only_administrators_write_templates(world, three_tasks):
    with pytest.raises(NotAllowed):
        template_create(actor=world.alice, name="Mine", items=[{"title": "x"}])
    template = three_tasks()
    with pytest.raises(NotAllowed):
        template_update(actor=world.carol, template_id=template.pk, name="Theirs")


def test_every_bad_field_is_named_with_its_line(world, three_tasks):
    three_tasks()
    with pytest.raises(FieldErrors) as caught:
        template_create(actor=world.adam, name="Onboarding", items=[
            {"title": "Fine"},
            {"title": "", "delay_days": "soon", "priority": 9, "assign_to": AssignTo.ROUND_ROBIN,
             "task_type_id": 999_999},
            {"title": "Fixed without a person", "assign_to": AssignTo.FIXED, "colour": "red",
             "description": "x" * 20_001},
        ])
    errors = caught.value.errors
    assert set(errors) == {"items.1.title", "items.1.delay_days", "items.1.priority", "items.1.assign_department_id",
                           "items.1.task_type_id", "items.2.assign_user_id", "items.2.colour",
                           "items.2.description"}
    with pytest.raises(FieldErrors) as caught:
        template_create(actor=world.adam, name="Onboarding", items=[{"title": "Again"}])
    assert caught.value.errors == {"name": ["Another template has this name."]}
    with pytest.raises(FieldErrors) as caught:
        template_create(actor=world.adam, name=" ", items=[])
    assert set(caught.value.errors) == {"name", "items"}


def test_update_replaces_the_lines_and_keeps_the_rest(world, three_tasks):
    template = three_tasks(skip_weekends=True)
    template_update(actor=world.adam, template_id=template.pk, items=[{"title": "Only this", "delay_days": 2}])
    template.refresh_from_db()
    assert template.skip_weekends and template.name == "Onboarding"
    assert [(i.title, i.delay_days, i.assign_to) for i in template.items.all()] == [
        ("Only this", 2, AssignTo.CUSTOMER_OWNER)]


def test_applying_to_a_deal_makes_each_line_a_task_of_the_deal(world, three_tasks):
    template = three_tasks()
    customer = world.customer("Elena Marsh", owner=world.alice)
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Fleet renewal")

    tasks = template_apply(actor=world.carol, template_id=template.pk, deal_id=deal.pk, now=FRIDAY)

    rows = Task.objects.filter(deal=deal).order_by("due_date")
    assert [t.pk for t in tasks] == [t.pk for t in rows]
    assert [(t.title, t.due_date, t.customer_id, t.owner_id, t.source, t.origin_id) for t in rows] == [
        ("Welcome call", dt.date(2026, 12, 5), customer.pk, world.carol.pk, Source.TEMPLATE, template.pk),
        ("Send the guide", dt.date(2026, 12, 7), customer.pk, world.carol.pk, Source.TEMPLATE, template.pk),
        ("Kick-off meeting", dt.date(2026, 12, 11), customer.pk, world.carol.pk, Source.TEMPLATE, template.pk),
    ]
    assert [list(t.assignees.values_list("username", flat=True)) for t in rows] == [["alice"], ["bob"], []]
    assert origin_text(rows[0]) == "Created from the template “Onboarding”"


def test_skipping_weekends_counts_working_days(world, three_tasks):
    template = three_tasks(skip_weekends=True)
    customer = world.customer()

    tasks = template_apply(actor=world.alice, template_id=template.pk, customer_id=customer.pk, now=FRIDAY)

    # from a Friday: 1 working day is Monday, 3 are Wednesday, 7 are the Tuesday after next
    assert [t.due_date for t in tasks] == [dt.date(2026, 12, 7), dt.date(2026, 12, 9), dt.date(2026, 12, 15)]


def test_applying_to_a_project_links_the_tasks_and_assigns_its_owner(world, three_tasks):
    template = three_tasks()
    project = project_create(actor=world.alice, name="Website relaunch")

    tasks = template_apply(actor=world.alice, template_id=template.pk, project_id=project.pk)

    assert {t.project_id for t in tasks} == {project.pk} and {t.customer_id for t in tasks} == {None}
    assert list(tasks[0].assignees.values_list("username", flat=True)) == ["alice"]


def test_one_target_exactly_and_only_a_visible_one(world, three_tasks):
    template = three_tasks()
    customer = world.customer()
    theirs = world.customer("Initech", organization=world.other_org)
    with pytest.raises(FieldErrors) as caught:
        template_apply(actor=world.alice, template_id=template.pk)
    assert set(caught.value.errors) == {"target"}
    with pytest.raises(FieldErrors):
        template_apply(actor=world.alice, template_id=template.pk, customer_id=customer.pk, project_id=1)
    with pytest.raises(NotFound):
        template_apply(actor=world.alice, template_id=template.pk, customer_id=theirs.pk)
    with pytest.raises(NotFound):
        template_apply(actor=world.mallory, template_id=template.pk, customer_id=theirs.pk)
    project = project_create(actor=world.bob, name="Bob's own", subscriber_ids=[world.alice.pk])
    with pytest.raises(NotAllowed):  # she follows it, but may not change it
        template_apply(actor=world.alice, template_id=template.pk, project_id=project.pk)
    assert not Task.objects.filter(source=Source.TEMPLATE).exists()


def test_deleting_a_template_keeps_its_tasks(world, three_tasks):
    template = three_tasks()
    tasks = template_apply(actor=world.alice, template_id=template.pk, customer_id=world.customer().pk)
    template_delete(actor=world.adam, template_id=template.pk)
    assert not TaskTemplate.objects.filter(pk=template.pk).exists()
    task = Task.objects.get(pk=tasks[0].pk)
    assert origin_text(task) is None


def test_a_retired_type_stays_on_the_template_and_is_left_off_new_tasks(world, three_tasks):
    template = three_tasks()
    phone = template.items.get(title="Welcome call").task_type
    phone.is_active = False
    phone.save()

    template_update(actor=world.adam, template_id=template.pk, name="Renamed")  # its lines are kept as they are
    with pytest.raises(FieldErrors) as caught:
        template_create(actor=world.adam, name="New", items=[{"title": "Call", "task_type_id": phone.pk}])
    assert set(caught.value.errors) == {"items.0.task_type_id"}
    tasks = template_apply(actor=world.alice, template_id=template.pk, customer_id=world.customer().pk)

    assert [t.type_id for t in tasks][0] is None and all(t.type_id for t in tasks[1:])
