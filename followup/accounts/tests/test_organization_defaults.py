"""L1 (issue: an organization created in Django admin started empty and could not make a task)."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from followup.accounts.models import Organization
from followup.deals.models import SalesProcess
from followup.tasks.models import TaskStatus, TaskType
from followup.tasks.services import task_create

ADD_FORM = {"name": "Initech", "slug": "initech", "language": "en", "tasks_enabled": "on"}


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.com", "pw")


def test_organization_made_in_admin_has_statuses_types_and_a_sales_process(client, superuser):
    client.force_login(superuser)

    r = client.post("/admin/accounts/organization/add/", ADD_FORM)

    assert r.status_code == 302, r.content.decode()[:2000]
    org = Organization.objects.get(slug="initech")
    assert TaskStatus.objects.filter(organization=org, is_default=True, category="open").count() == 1
    assert TaskType.objects.filter(organization=org).count() == 6
    assert SalesProcess.objects.filter(organization=org).count() == 1


def test_a_member_of_an_organization_made_in_admin_can_create_a_task(client, superuser, world):
    client.force_login(superuser)
    client.post("/admin/accounts/organization/add/", ADD_FORM)
    org = Organization.objects.get(slug="initech")
    peter = world.user("peter", organization=org)
    customer = world.customer("Initrode", organization=org)

    task = task_create(actor=peter, title="Call", customer_id=customer.pk, assignee_ids=[peter.pk],
                       due_date=dt.date.today())

    assert task.status.is_default


def test_two_default_statuses_are_refused_by_the_database(world):
    second = TaskStatus.objects.filter(organization=world.org, is_default=False).first()

    with pytest.raises(IntegrityError), transaction.atomic():
        TaskStatus.objects.filter(pk=second.pk).update(is_default=True)
