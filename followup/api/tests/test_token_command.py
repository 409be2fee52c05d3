"""``followup token <username> <name>`` prints a token that the API accepts."""

import io

import pytest
from django.core.management import CommandError, call_command

from followup.accounts.models import ApiToken
from followup.api.tests.conftest import Api


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_printed_token_works_for_the_api(world, client):
    raw, _ = run("alice", "phone app")
    r = Api(client, raw).get("me")
    assert r.status_code == 200 and r.json()["username"] == "alice"


def test_token_is_stored_only_as_a_hash(world):
    raw, _ = run("alice", "phone app")
    token = ApiToken.objects.get(user=world.alice)
    assert token.name == "phone app" and raw.startswith("fu_") and raw not in token.token_hash


def test_only_the_token_goes_to_stdout(world):
    raw, err = run("alice", "script")
    assert "\n" not in raw and "alice" in err


def test_unknown_user_is_an_error(world):
    with pytest.raises(CommandError, match="nobody"):
        run("nobody", "x")


def test_empty_name_is_an_error(world):
    with pytest.raises(CommandError):
        run("alice", "  ")
    assert not ApiToken.objects.exists()


def test_help_explains_how_to_use_the_token(capsys):
    with pytest.raises(SystemExit):
        call_command("token", "--help")
    assert "Authorization: Bearer" in capsys.readouterr().out
