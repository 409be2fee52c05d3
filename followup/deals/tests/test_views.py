"""Deal pages: status tabs, the edit form's per-field errors and stage options, the stage and
won / lost / reopen buttons (htmx and plain), 404 for another organization, constant queries."""

import pytest
from django.urls import reverse

from followup.deals.models import Deal, SalesProcess
from followup.deals.processes import sales_process_add
from followup.deals.services import deal_create, deal_mark_won
from followup.deals.tests.test_services import sid


@pytest.fixture
def alice(world, login):
    return login(world.alice)


def new_deal(world, title="Renewal", **kwargs):
    return deal_create(actor=world.alice, customer_id=kwargs.pop("customer_id", None) or world.customer().pk,
                       title=title, **kwargs)


def test_status_tabs_filter_the_list(world, alice):
    new_deal(world, "Still open")
    deal_mark_won(actor=world.alice, deal_id=new_deal(world, "Signed").pk)
    html = alice.get(reverse("deals:list"), {"status": "won"}).content.decode()
    assert "Signed" in html and "Still open" not in html
    html = alice.get(reverse("deals:list"), {"status": "bogus"}).content.decode()
    assert "Signed" in html and "Still open" in html


def test_customer_filter_preselects_the_customer(world, alice):
    customer = world.customer("Zebra Ltd")
    new_deal(world, "Zebra deal", customer_id=customer.pk)
    new_deal(world, "Other deal")
    html = alice.get(reverse("deals:list"), {"customer": customer.pk}).content.decode()
    assert "Zebra deal" in html and "Other deal" not in html
    assert f'name="customer_id" value="{customer.pk}"' in html and 'value="Zebra Ltd"' in html


def test_detail_shows_the_pipeline_and_the_changes(world, alice):
    deal = new_deal(world)
    html = alice.get(reverse("deals:detail", args=[deal.pk])).content.decode()
    assert f'value="{sid(world, "Proposal")}"' in html and 'aria-current="step">Qualification' in html
    assert "created the deal at “Qualification”" in html


def test_stage_button_with_htmx_swaps_the_state_and_the_changes(world, alice):
    deal = new_deal(world)
    r = alice.post(reverse("deals:stage", args=[deal.pk]), {"stage_id": sid(world, "Proposal")},
                   HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert html.lstrip().startswith('<section class="card deal-state" id="deal-state">')
    assert 'aria-current="step">Proposal' in html
    assert f'value="{sid(world, "Qualification")}" class="pipeline-step is-done"' in html  # the stages behind it
    assert 'id="deal-changes" hx-swap-oob="true"' in html and "from “Qualification” to “Proposal”" in html


def test_stage_plain_post_redirects_to_the_deal(world, alice):
    deal = new_deal(world)
    r = alice.post(reverse("deals:stage", args=[deal.pk]), {"stage_id": sid(world, "Negotiation")})
    assert r["Location"] == reverse("deals:detail", args=[deal.pk])
    deal.refresh_from_db()
    assert deal.stage.name == "Negotiation"


def test_stage_of_another_process_is_an_error_message(world, alice):
    deal = new_deal(world)
    sales_process_add(actor=world.adam, name="Partners", stages=["Intro", "Pilot"])
    r = alice.post(reverse("deals:stage", args=[deal.pk]), {"stage_id": sid(world, "Pilot")}, follow=True)
    assert "Choose one of the stages of “Sales”" in r.content.decode()
    deal.refresh_from_db()
    assert deal.stage.name == "Qualification"


def test_won_then_reopen_buttons(world, alice):
    deal = new_deal(world)
    html = alice.post(reverse("deals:won", args=[deal.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'class="tag deal-won"' in html and reverse("deals:reopen", args=[deal.pk]) in html
    assert reverse("deals:won", args=[deal.pk]) not in html
    alice.post(reverse("deals:reopen", args=[deal.pk]))
    alice.post(reverse("deals:lost", args=[deal.pk]))
    deal.refresh_from_db()
    assert deal.status == "lost"


def test_winning_twice_is_a_message_not_an_error_page(world, alice):
    deal = new_deal(world)
    alice.post(reverse("deals:won", args=[deal.pk]))
    r = alice.post(reverse("deals:won", args=[deal.pk]), HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and r["HX-Reswap"] == "none"
    assert "reopen it first" in r.content.decode()


def test_actions_need_post(world, alice):
    deal = new_deal(world)
    assert alice.get(reverse("deals:won", args=[deal.pk])).status_code == 405


def test_edit_form_shows_the_stages_of_the_deals_process(world, alice):
    deal = new_deal(world)
    html = alice.get(reverse("deals:edit", args=[deal.pk])).content.decode()
    assert f'<option value="{sid(world, "Qualification")}" selected>' in html
    assert f'value="{sid(world, "Negotiation")}"' in html


def test_stage_options_fragment_follows_the_chosen_process(world, alice):
    process = sales_process_add(actor=world.adam, name="Partners", stages=["Intro", "Pilot"])
    html = alice.get(reverse("deals:stages"), {"process_id": process.pk}).content.decode()
    assert f'value="{sid(world, "Intro")}"' in html and "Qualification" not in html
    foreign = SalesProcess.objects.get(organization=world.other_org)
    html = alice.get(reverse("deals:stages"), {"process_id": foreign.pk}).content.decode()
    assert "Choose a sales process first" in html and "disabled" in html


def test_edit_saves(world, alice):
    deal = new_deal(world)
    r = alice.post(reverse("deals:edit", args=[deal.pk]), {
        "title": "Renewal 2027", "amount": "2500", "process_id": deal.process_id, "stage_id": sid(world, "Proposal"),
        "owner_id": world.bob.pk})
    assert r["Location"] == reverse("deals:detail", args=[deal.pk])
    deal.refresh_from_db()
    assert (deal.title, str(deal.amount), deal.stage.name, deal.owner) == ("Renewal 2027", "2500.00", "Proposal",
                                                                          world.bob)


def test_edit_names_each_bad_field_and_keeps_the_input(world, alice):
    deal = new_deal(world)
    sales_process_add(actor=world.adam, name="Partners", stages=["Intro", "Pilot"])
    r = alice.post(reverse("deals:edit", args=[deal.pk]), {
        "title": "", "amount": "a lot", "process_id": deal.process_id, "stage_id": sid(world, "Pilot"),
        "owner_id": "x"})
    html = r.content.decode()
    assert r.status_code == 422
    for field in ("title", "amount", "stage_id", "owner_id"):
        assert f'id="err-{field}"' in html, field
    assert 'value="a lot"' in html
    deal.refresh_from_db()
    assert deal.title == "Renewal"


def test_another_organizations_deal_is_404_on_every_url(world, login):
    deal = new_deal(world)
    client = login(world.mallory)
    for name in ("detail", "edit"):
        assert client.get(reverse(f"deals:{name}", args=[deal.pk])).status_code == 404
    for name in ("edit", "stage", "won", "lost", "reopen"):
        assert client.post(reverse(f"deals:{name}", args=[deal.pk]), {"stage_id": sid(world, "Proposal"), "title": "x"}
                           ).status_code == 404
    assert Deal.objects.get(pk=deal.pk).status == "open"


def test_titles_are_escaped(world, alice):
    deal = new_deal(world, "<b>Big</b> deal")
    html = alice.get(reverse("deals:detail", args=[deal.pk])).content.decode()
    assert "<b>Big</b>" not in html and "&lt;b&gt;Big&lt;/b&gt;" in html


@pytest.mark.parametrize("n", [10, 50])
def test_list_page_runs_constant_queries(world, alice, django_assert_max_num_queries, n):
    customer = world.customer()
    for i in range(n + 1):
        new_deal(world, f"D{i}", customer_id=customer.pk, owner_id=world.bob.pk if i % 2 else world.alice.pk)
    # session, user + organization, header count, deals (customer, owner, process joined), the new
    # deal's default currency (the latest deal's); the form's customer picker searches as one types
    with django_assert_max_num_queries(5):
        html = alice.get(reverse("deals:list"), {"size": n, "status": "open"}).content.decode()
    assert html.count('class="task-title"') == n


def test_amounts_show_their_currency_on_the_list_the_deal_and_the_customer(world, alice):
    customer = world.customer("Zebra Ltd")
    deal = new_deal(world, "Fleet", customer_id=customer.pk, amount="4800", currency="PLN")
    assert "4,800.00 PLN" in alice.get(reverse("deals:list")).content.decode()
    assert "4,800.00 PLN" in alice.get(reverse("deals:detail", args=[deal.pk])).content.decode()
    assert "4,800.00 PLN" in alice.get(reverse("customers:detail", args=[customer.pk])).content.decode()


def test_new_deal_form_offers_the_latest_deals_currency(world, alice):
    new_deal(world, amount="100", currency="GBP")
    html = alice.get(reverse("deals:list")).content.decode()
    assert '<option selected>GBP</option>' in html and "<option>EUR</option>" in html


def test_new_deal_form_saves_the_currency(world, alice):
    r = alice.post(reverse("deals:list"), {"customer_id": world.customer().pk, "title": "Pilot", "amount": "900",
                                           "currency": "CHF"})
    assert r.status_code == 302
    assert Deal.objects.get(title="Pilot").currency == "CHF"


def test_edit_changes_the_currency_and_names_an_unknown_one(world, alice):
    deal = new_deal(world)
    fields = {"title": "Renewal", "amount": "10", "process_id": deal.process_id, "stage_id": deal.stage_id,
              "owner_id": ""}
    r = alice.post(reverse("deals:edit", args=[deal.pk]), {**fields, "currency": "XYZ"})
    assert r.status_code == 422 and 'id="err-currency"' in r.content.decode()
    alice.post(reverse("deals:edit", args=[deal.pk]), {**fields, "currency": "PLN"})
    deal.refresh_from_db()
    assert deal.currency == "PLN"
