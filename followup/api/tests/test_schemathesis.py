"""§1.15: schemathesis over every operation of the API, as part of the normal suite (and so of
CI, on SQLite and on PostgreSQL): 0 answers 5xx and 0 schema violations.

Schemathesis reads the OpenAPI document the API serves (``/api/v1/openapi.json``) and, for each
operation, sends the cases of its coverage phase (the values just outside every parameter and
field: a number for a date, a string for an id, a field left out, an unknown one, another method)
and a bounded number of generated requests, valid and invalid, through the whole Django stack
(WSGI, middleware, the API). Every request carries a real personal access token of alice, who has
a customer, tasks with a note and a subtask, a deal, a memo, a project, a reminder and a chat
message with a file; two of three generated ids are swapped for ids of her records
(``_use_real_ids``), so that reads and writes of real rows are exercised, not only 404s.

Each answer must: not be 5xx; have a status code the operation documents; match the documented
schema and content type; and refuse what the schema refuses (``negative_data_rejection``). Left
out is ``positive_data_acceptance``: a body can match the schema and still be refused by a rule
no schema can state (a customer of your organization, a due date after 2000), with a 422 that
names the field. The dry run of ``every_error_at_once`` must never fail on a partly bad body.

The budget (``MAX_EXAMPLES`` generated cases per operation besides the coverage phase,
derandomized so that every run sends the same requests) keeps the run to about half a minute of
CPU on either database; raise it for a longer hunt.
"""

import datetime as dt
import logging

import pytest
import schemathesis
from django.core import signals
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from followup.accounts.models import ApiToken
from followup.accounts.services import TOKEN_PREFIX, hash_token
from followup.chat.services import message_post
from followup.deals.services import deal_create
from followup.memos.services import memo_create
from followup.projects.services import project_create
from followup.reminders.services import reminder_create
from followup.tasks.services import note_add, subtask_create
from followup.wsgi import application

MAX_EXAMPLES = 4
OPENAPI = "/api/v1/openapi.json"

# Generated cases carry no credentials of their own: every one is sent with alice's token.
schema = schemathesis.openapi.from_wsgi(
    OPENAPI, application, config=schemathesis.Config.from_dict({
        "generation": {"with-security-parameters": False},
        # The coverage phase sends the values just outside every parameter and field; the values
        # inside them are left to the generated cases, which keeps the run short.
        "phases": {"coverage": {"generation": {"mode": "negative"}}},
    }),
)
# Alice's personal access token. Schemathesis builds the cases of its coverage phase while pytest
# collects, before any fixture runs, so the token's value is fixed here; the ``token`` fixture
# stores it (hashed, as ``api_token_create`` does) for alice, and the API checks it as any other.
TOKEN = TOKEN_PREFIX + "schemathesis-alice-0123456789abcdef"
_real_ids: dict[str, list[int]] = {}  # kind -> ids of alice's records, filled by the ``token`` fixture


@schema.auth(refresh_interval=None)
class AlicesToken:
    """Schemathesis's own credentials, so that its auth checks also send each request without
    them and with a wrong token, and expect a 401."""

    def get(self, case, context):
        return TOKEN

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


def _use_real_ids(case) -> None:
    """Two of three generated ids become an id of alice's records of that kind (by the path
    parameter's name, or for ``object_id`` by the path: ``/api/v1/deals/{object_id}/...``)."""
    for name, value in (case.path_parameters or {}).items():
        kind = name.removesuffix("_id") if name != "object_id" else case.operation.path.split("/")[3][:-1]
        ids = _real_ids.get(kind)
        if ids and isinstance(value, int) and not isinstance(value, bool) and value >= 1 and value % 3:
            case.path_parameters[name] = ids[value % len(ids)]


@pytest.fixture
def token(world, settings, tmp_path):
    """A token of alice, who has a record of every kind. WSGI calls end with Django's
    ``request_finished`` signal, which would close the test's database connection (and with it
    its transaction): the test client stops that for its requests, and so does this fixture."""
    settings.MEDIA_ROOT = tmp_path / "media"
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    alice, bob = world.alice, world.bob
    customer = world.customer("Elena Marsh", email="elena@example.com", phone="+48 600 100 200")
    task = world.task("Call back", customer=customer, assignees=[alice, bob])
    other = world.task("Send the offer", customer=customer)
    note_add(actor=alice, task_id=task.pk, body="She asked for Tuesday.")
    subtask = subtask_create(actor=alice, parent_id=task.pk, title="Prepare", assignee_ids=[alice.pk],
                             due_date=dt.date.today())
    deal = deal_create(actor=alice, customer_id=customer.pk, title="Fleet renewal", amount="1500.00")
    memo = memo_create(actor=alice, title="Discount", body="10% for Elena?", recipient_id=bob.pk, send=True)
    project = project_create(actor=alice, name="Spring campaign", member_ids=[bob.pk])
    reminder = reminder_create(actor=alice, target_type="task", target_id=task.pk,
                               remind_at=timezone.now() + dt.timedelta(days=1), note="Call")
    message = message_post(actor=bob, kind="task", object_id=task.pk, body="Done?",
                           files=[SimpleUploadedFile("notes.txt", b"Call at 10.", content_type="text/plain")])
    _real_ids.update(
        task=[task.pk, other.pk, subtask.pk], customer=[customer.pk], deal=[deal.pk], memo=[memo.pk],
        project=[project.pk], reminder=[reminder.pk], attachment=[message.attachments.all()[0].pk],
    )
    ApiToken.objects.create(user=alice, name="schemathesis", prefix=TOKEN[:10], token_hash=hash_token(TOKEN))
    yield TOKEN
    _real_ids.clear()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True, print_blob=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_every_operation_answers_as_documented_and_never_5xx(case, token, caplog):
    _use_real_ids(case)
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
    failed_dry_runs = [r for r in caplog.records if r.name == "followup.api.errors" and r.levelno >= logging.WARNING]
    assert failed_dry_runs == []

