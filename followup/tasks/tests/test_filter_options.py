"""D2, L5, L6: the filter bar offers the organization's active types and statuses in the
administrators' order (one compiled query, tasks.filter_options), and nobody else's."""

from django.urls import reverse

from followup.tasks.filter_options import filter_options
from followup.tasks.models import TaskStatus, TaskType


def test_the_options_are_the_active_ones_in_order_and_the_organizations_own(world):
    statuses, types = filter_options(world.alice)
    assert [(o.pk, o.name) for o in statuses] == list(
        TaskStatus.objects.filter(organization=world.org, is_active=True).values_list("pk", "name"))
    assert [(o.pk, o.name) for o in types] == list(
        TaskType.objects.filter(organization=world.org, is_active=True).values_list("pk", "name"))
    meeting = TaskType.objects.get(organization=world.org, name="Meeting")
    TaskType.objects.filter(pk=meeting.pk).update(is_active=False)
    first = TaskType.objects.filter(organization=world.org).order_by("position", "id").first()
    TaskType.objects.filter(pk=first.pk).update(position=99)
    _statuses, types = filter_options(world.alice)
    names = [o.name for o in types]
    assert "Meeting" not in names and names[-1] == first.name
    other_statuses, other_types = filter_options(world.mallory)
    assert {o.pk for o in other_types}.isdisjoint({o.pk for o in types})
    assert {o.pk for o in other_statuses}.isdisjoint({o.pk for o in statuses})


def test_the_list_offers_them_and_keeps_the_chosen_one(world, login):
    call = TaskType.objects.get(organization=world.org, name="Phone call")
    html = login(world.alice).get(reverse("tasks:list"), {"type": call.pk}).content.decode()
    assert f'<option value="{call.pk}" selected>Phone call</option>' in html
    assert '<option value="">Any</option><option value="' in html
