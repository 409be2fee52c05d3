"""D9 in the API: /api/v1/forms for administrators."""

from followup.intake.models import Form
from followup.intake.submit import form_submit

BODY = {"name": "Contact us", "fields": [{"field": "name", "required": True}, {"field": "email", "required": True}],
        "make_task": True, "task_title": "Reply to {customer}", "allowed_origins": ["https://www.example.com/"]}


def test_an_administrator_creates_a_form(world, api):
    response = api(world.adam).post("forms", BODY)
    body = response.json()
    assert response.status_code == 201
    assert (body["slug"], body["public_url"], body["allowed_origins"]) == (
        "contact-us", "http://testserver/f/contact-us", ["https://www.example.com"])
    assert body["fields"][0] == {"field": "name", "label": "Name", "required": True}


def test_a_member_may_not_manage_forms(world, api):
    assert api(world.alice).get("forms").status_code == 403


def test_bad_fields_answer_422_per_field(world, api):
    response = api(world.adam).post("forms", {**BODY, "fields": [{"field": "notes"}], "allowed_origins": ["ftp://x"]})
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"fields", "allowed_origins"}


def test_an_unknown_field_name_is_a_422(world, api):
    assert api(world.adam).post("forms", {**BODY, "fields": [{"field": "password"}]}).status_code == 422


def test_patch_changes_only_what_was_sent(world, api, contact):
    response = api(world.adam).patch(f"forms/{contact.pk}", {"thank_you": "Thanks!"})
    assert (response.status_code, response.json()["thank_you"], response.json()["name"]) == (200, "Thanks!",
                                                                                          "Contact us")


def test_another_organizations_form_is_a_404(world, api, contact):
    outsider = world.user("max", organization=world.other_org, role="admin")
    assert api(outsider).get(f"forms/{contact.pk}").status_code == 404


def test_delete_removes_the_form(world, api, contact):
    assert api(world.adam).delete(f"forms/{contact.pk}").status_code == 204
    assert not Form.objects.exists()


def test_submissions_are_listed_newest_first(world, api, contact, django_assert_num_queries):
    for i in range(3):
        form_submit(form_id=contact.pk, values={"name": f"V{i}", "email": f"v{i}@example.org"})
    client = api(world.adam)
    with django_assert_num_queries(4):  # token + user, the form, the page of submissions
        response = client.get(f"forms/{contact.pk}/submissions")
    assert [item["data"]["name"] for item in response.json()["items"]] == ["V2", "V1", "V0"]


def test_forms_are_in_the_openapi_document(world, api):
    assert "/api/v1/forms" in api(world.adam).get("openapi.json").content.decode()


def test_a_submission_is_on_the_customers_timeline_in_the_api(world, contact, api):
    """C4, D9: the API's timeline names a submission's kind (it answered 500 while its kinds
    listed only those of the apps below intake), with the form as the text's source."""
    outcome = form_submit(form_id=contact.pk, values={"name": "Elena Marsh", "email": "elena@example.org",
                                                      "notes": "Call me"})
    r = api(world.alice).get(f"customers/{outcome.customer.pk}/timeline")
    assert r.status_code == 200, r.content
    sent = next(i for i in r.json()["items"] if i["kind"] == "form_submission")
    assert sent["form"] == {"id": contact.pk, "name": "Contact us"}
    assert sent["values"]["email"] == "elena@example.org" and sent["values"]["notes"] == "Call me"
    assert (sent["actor"], sent["subject"], sent["text"]) == (None, None, "")
