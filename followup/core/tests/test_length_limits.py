"""Issue 13 §1.12: one length limit per field. A walk over every form of the application: each
text a person types has a ``maxlength``, and the server accepts exactly that many characters and
refuses one more, naming the limit (the task title's input used to allow 250 and the server 200).
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from followup.deals.services import deal_create
from followup.memos.services import memo_create
from followup.projects.services import project_create

TYPED = {"text", "email", "tel", "search", "url", ""}
# Fields whose text is not stored as typed: a picker's search box, a date, an amount.
NOT_STORED = ("role", "combobox"), ("data-date-input", None), ("inputmode", "decimal")
# What a form needs so that the view reaches the length check (it stops at an unreadable time).
FILLED = {"remind_date": "01/07/2030", "remind_time": "10:00", "due_date": "01/07/2030"}


class Forms(HTMLParser):
    """The POST forms of a page: their action and fields, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._textarea, self._select = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                          "fields": [], "data": {}}
            self.forms.append(self._form)
        if self._form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input" and a.get("type", "") in (*TYPED, "hidden", "number", "time"):
            self._form["data"].setdefault(name, []).append(a.get("value") or "")
            if a.get("type", "") in TYPED:
                self._form["fields"].append(a)
        elif tag == "input" and a.get("type") in ("checkbox", "radio") and "checked" in a:
            self._form["data"].setdefault(name, []).append(a.get("value") or "on")
        elif tag == "textarea":
            self._textarea = name
            self._form["data"][name] = [""]
            self._form["fields"].append(a)
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and ("selected" in a or self._select not in self._form["data"]):
            self._form["data"][self._select] = [a.get("value") or ""]

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["data"][self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def post_forms(client, url):
    parser = Forms()
    parser.feed(client.get(url).content.decode())
    return [f for f in parser.forms if f["method"] == "post" and f["fields"]]


def text_of(field, length: int) -> str:
    if field.get("type") == "email":
        return "a" * (length - len("@example.com")) + "@example.com"
    return ("1" if field.get("type") == "tel" else "x") * length


def limit_message(n: int) -> str:
    return f"Enter at most {n} characters."


@pytest.fixture
def pages(world):
    task = world.task("Call back", assignees=[world.alice, world.bob])  # a team task: subtasks too
    deal = deal_create(actor=world.alice, customer_id=task.customer_id, title="Renewal")
    memo = memo_create(actor=world.alice, title="Budget", recipient_id=world.bob.pk)
    project = project_create(actor=world.alice, name="Fair")
    return [
        reverse("tasks:new"), reverse("tasks:edit", args=[task.pk]), reverse("tasks:detail", args=[task.pk]),
        reverse("customers:new"), reverse("customers:edit", args=[task.customer_id]),
        reverse("deals:list"), reverse("deals:edit", args=[deal.pk]), reverse("deals:detail", args=[deal.pk]),
        reverse("memos:new"), reverse("memos:edit", args=[memo.pk]), reverse("memos:detail", args=[memo.pk]),
        reverse("memos:make_task", args=[memo.pk]), reverse("memos:make_project", args=[memo.pk]),
        reverse("projects:list"), reverse("projects:detail", args=[project.pk]),
        reverse("projects:edit", args=[project.pk]), reverse("profile"),
    ]


def test_every_typed_text_has_a_maxlength(world, login, pages):
    client = login(world.alice)
    unbounded = [
        (url, field["name"]) for url in pages for form in post_forms(client, url) for field in form["fields"]
        if "maxlength" not in field and not any(field.get(k) == v or (v is None and k in field) for k, v in NOT_STORED)
    ]
    assert unbounded == []


def test_the_server_takes_exactly_the_maxlength_and_refuses_one_more(world, login, pages):
    client = login(world.alice)
    checked = []
    for url in pages:
        for form in post_forms(client, url):
            for field in form["fields"]:
                if "maxlength" not in field:
                    continue
                n, name = int(field["maxlength"]), field["name"]
                for length, refused in ((n + 1, True), (n, False)):
                    data = {k: v for k, v in form["data"].items()}
                    data.update({k: [v] for k, v in FILLED.items() if k in data and not data[k][0]})
                    data[name] = [text_of(field, length)]
                    page = client.post(form["action"] or url, data, follow=True).content.decode()
                    assert (limit_message(n) in page) is refused, (url, name, length)
                    # A fresh form each time: the first post may have created or changed the object.
                    form = next(f for f in post_forms(client, url) if any(x["name"] == name for x in f["fields"]))
                checked.append((url, name, n))
    names = {(name, n) for _url, name, n in checked}
    assert {("title", 200), ("description", 20000), ("name", 200), ("email", 254), ("phone", 40),
            ("notes", 20000), ("body", 10000), ("body", 20000), ("note", 500), ("name", 100)} <= names
