import re

import pytest
from django.urls import reverse

from followup.customers.models import Customer
from followup.tasks.models import StatusCategory, TaskStatus
from followup.tasks.services import task_complete


@pytest.fixture
def alice(world, login):
    return login(world.alice)


def test_list_renders_with_plus_button(world, alice):
    customer = world.customer("Zebra Ltd")
    html = alice.get(reverse("customers:list")).content.decode()
    assert "Zebra Ltd" in html
    assert f"/tasks/new/?customer={customer.pk}&amp;source=customer_list" in html


def test_list_rows_name_the_customer_for_screen_readers_escaped(world, alice):
    world.customer("<b>Bold</b> & Co", owner=world.bob, kind="company")
    html = alice.get(reverse("customers:list")).content.decode()
    assert 'aria-label="Choose &lt;b&gt;Bold&lt;/b&gt; &amp; Co"' in html
    assert 'aria-label="New task for &lt;b&gt;Bold&lt;/b&gt; &amp; Co"' in html
    assert "<b>Bold</b>" not in html
    assert '<span class="avatar avatar-sm">BB</span>Bob Baker' in html
    assert '<span class="type-label">Company</span>' in html


def test_list_rows_speak_polish(world, alice):
    world.alice.language = "pl"
    world.alice.save()
    world.customer("Zebra Ltd", stage="prospect")
    html = alice.get(reverse("customers:list")).content.decode()
    assert 'aria-label="Zaznacz: Zebra Ltd"' in html and 'aria-label="Nowe zadanie dla: Zebra Ltd"' in html
    assert 'data-label="Nazwa"' in html


def test_list_search(world, alice):
    world.customer("Zebra Ltd")
    world.customer("Other Co")
    html = alice.get(reverse("customers:list"), {"q": "zeb"}).content.decode()
    assert "Zebra Ltd" in html and "Other Co" not in html


def test_list_hides_other_organization(world, alice):
    world.customer("Globex Secret", organization=world.other_org)
    assert "Globex Secret" not in alice.get(reverse("customers:list")).content.decode()


@pytest.mark.parametrize("params", [{"page": "x"}, {"size": "-5"}, {"q": "y" * 5000}, {"page": "999"}])
def test_list_garbage_parameters_are_not_500(world, alice, params):
    assert alice.get(reverse("customers:list"), params).status_code == 200


@pytest.mark.parametrize("size", [10, 100])
def test_list_runs_constant_queries(world, alice, django_assert_max_num_queries, size):
    for i in range(size + 1):
        world.customer(f"Customer {i:03}", owner=world.bob)
    # session, user + organization, header count, customers with owners
    with django_assert_max_num_queries(4):
        response = alice.get(reverse("customers:list"), {"size": size})
    assert response.content.decode().count('class="task-title"') == size


@pytest.mark.parametrize("size", [10, 100])
def test_profile_runs_constant_queries(world, alice, django_assert_max_num_queries, size):
    customer = world.customer()
    world.tasks(size + 1, customer=customer, assignees=[world.alice, world.bob])
    # session, user + organization, header count, customer, deals card, tasks, assignees, statuses
    with django_assert_max_num_queries(8):
        alice.get(reverse("customers:detail", args=[customer.pk]), {"size": size})


def test_profile_lists_open_and_done_tasks_with_contact_links(world, alice):
    customer = world.customer("ACME", phone="+1 555 0100", email="hi@acme.test")
    world.task("Open one", customer=customer)
    done = world.task("Done one", customer=customer)
    task_complete(actor=world.alice, task_id=done.pk)
    html = alice.get(reverse("customers:detail", args=[customer.pk])).content.decode()
    assert "Open one" in html and "Done one" in html
    assert 'href="tel:' in html and 'href="mailto:hi@acme.test"' in html
    assert "source=customer_profile" in html


def test_profile_shows_tasks_to_every_authorised_user(world, login):
    customer = world.customer()
    world.task("Bob's call", actor=world.bob, assignees=[world.bob], customer=customer)
    html = login(world.carol).get(reverse("customers:detail", args=[customer.pk])).content.decode()
    assert "Bob&#x27;s call" in html


def test_status_select_changes_status_in_place(world, alice):
    customer = world.customer()
    task = world.task(customer=customer)
    in_progress = TaskStatus.objects.get(organization=world.org, category=StatusCategory.IN_PROGRESS)
    response = alice.post(reverse("tasks:status", args=[task.pk]),
                          {"status": in_progress.pk, "row": "customer"}, HTTP_HX_REQUEST="true")
    assert response.content.decode().lstrip().startswith(f'<tr id="ctask-{task.pk}"')
    task.refresh_from_db()
    assert task.status == in_progress


def test_status_plain_post_redirects_back(world, alice):
    customer = world.customer()
    task = world.task(customer=customer)
    done = TaskStatus.objects.get(organization=world.org, category=StatusCategory.DONE)
    url = reverse("customers:detail", args=[customer.pk])
    response = alice.post(reverse("tasks:status", args=[task.pk]), {"status": done.pk, "next": url})
    assert response["Location"] == url


def test_unknown_status_is_a_message(world, alice):
    task = world.task()
    response = alice.post(reverse("tasks:status", args=[task.pk]), {"status": "abc"}, follow=True)
    assert "Choose one of the organization&#x27;s statuses." in response.content.decode()


def test_create_customer(world, alice):
    response = alice.post(reverse("customers:new"), {
        "kind": "company", "name": "New Co", "email": "x@new.test", "phone": "123", "owner": world.bob.pk,
        "stage": "prospect", "birthday": "", "contract_end_date": "2030-01-31", "notes": "hello"})
    customer = Customer.objects.get(name="New Co")
    assert response["Location"] == reverse("customers:detail", args=[customer.pk])
    assert customer.owner == world.bob and customer.contract_end_date.year == 2030


@pytest.mark.parametrize("field,value,message", [
    ("name", "", "Enter a name."),
    ("name", "n" * 201, "at most 200 characters"),
    ("email", "not-an-email", "Enter a valid e-mail address."),
    ("kind", "robot", "Choose person or company."),
    ("stage", "won", "Choose one of the stages."),
    ("birthday", "32.13.2000", "There is no month 13"),
        ("birthday", "31.04.2000", "31 April 2000 does not exist."),
        ("birthday", "April 2000", "Enter a date as DD/MM/YYYY."),
    ("owner", "abc", "Choose from the list."),
    ("owner", "999999", "Choose a person of your organization."),
    ("company", "999999", "Choose an existing company."),
])
def test_create_customer_bad_field_is_named(world, alice, field, value, message):
    data = {"kind": "person", "name": "Jane", "stage": "lead", field: value}
    response = alice.post(reverse("customers:new"), data)
    assert response.status_code == 422
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Customer.objects.filter(name="Jane").exists()


def test_other_organizations_owner_is_refused(world, alice):
    response = alice.post(reverse("customers:new"), {"kind": "person", "name": "Jane", "stage": "lead",
                                                     "owner": world.mallory.pk})
    assert "Choose a person of your organization." in response.content.decode()


def test_edit_customer_keeps_input_on_error(world, alice):
    customer = world.customer("Old name")
    response = alice.post(reverse("customers:edit", args=[customer.pk]), {
        "kind": "person", "name": "Typed name", "stage": "lead", "email": "bad"})
    assert 'value="Typed name"' in response.content.decode()
    customer.refresh_from_db()
    assert customer.name == "Old name"


def test_edit_customer_saves(world, alice):
    customer = world.customer("Old name")
    alice.post(reverse("customers:edit", args=[customer.pk]), {"kind": "person", "name": "New name", "stage": "lead"})
    customer.refresh_from_db()
    assert customer.name == "New name"


def test_name_is_escaped(world, alice):
    customer = world.customer("<img src=x onerror=alert(1)>")
    html = alice.get(reverse("customers:detail", args=[customer.pk])).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_choices_fragment_finds_customers_of_my_organization_only(world, alice):
    world.customer("Zebra Ltd")
    world.customer("Zebra Foreign", organization=world.other_org)
    html = alice.get(reverse("customers:choices"), {"q": "zebra"}).content.decode()
    assert "Zebra Ltd" in html and "Zebra Foreign" not in html


def test_company_choices_list_companies_only(world, alice):
    world.customer("Zeta Person")
    world.customer("Zeta Company", kind="company")
    html = alice.get(reverse("customers:choices"), {"q": "zeta", "kind": "company"}).content.decode()
    assert "Zeta Company" in html and "Zeta Person" not in html


def test_other_organizations_customer_is_404_on_every_url(world, alice):
    foreign = world.customer(organization=world.other_org)
    for url in (reverse("customers:detail", args=[foreign.pk]), reverse("customers:edit", args=[foreign.pk])):
        assert alice.get(url).status_code == 404
        assert alice.post(url, {"name": "Hijacked", "kind": "person", "stage": "lead"}).status_code in (404, 405)
    foreign.refresh_from_db()
    assert foreign.name != "Hijacked"


def test_profile_without_task_module_has_no_tasks_tab(world, alice):
    world.org.tasks_enabled = False
    world.org.save()
    customer = world.customer()
    html = alice.get(reverse("customers:detail", args=[customer.pk])).content.decode()
    assert "/tasks/new/" not in html


def test_deals_card_links_to_all_deals_when_there_are_more_than_it_shows(world, login):
    from followup.deals.services import deal_create

    customer = world.customer()
    for i in range(21):
        deal_create(actor=world.alice, customer_id=customer.pk, title=f"Deal {i}")
    page = login(world.alice).get(f"/customers/{customer.pk}/").content.decode()
    assert len(re.findall(r'href="/deals/\d+/"', page)) == 20
    assert "All deals with this customer" in page
