"""A database that cannot be reached answers 503 with Retry-After, never a 500 (issue 13 §3.2);
anything else answers the branded 500 page.

The outage is real: a web server started with ``DATABASE_URL`` pointing at a port where nothing
listens, so every request that needs the database fails to connect.
"""

import json
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from followup.core.errors import server_error
from followup.core.tests.private_postgres import free_port, wait_until
from followup.core.tests.processes import PROJECT_DIR, child_process_env


def fetch(url: str, headers: dict | None = None, data: bytes | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def server_without_database(tmp_path_factory):
    port = free_port()
    env = {**child_process_env(), "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/nowhere",
           "FOLLOWUP_DATA_DIR": str(tmp_path_factory.mktemp("data")),
           "FOLLOWUP_SECRET_KEY": "errors-test-secret-key-not-for-production"}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "followup.wsgi", "--workers", "1", "--bind",
                             f"127.0.0.1:{port}", "--no-control-socket"], cwd=PROJECT_DIR, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def answers():
        try:
            fetch(f"http://127.0.0.1:{port}/login/")
            return True
        except OSError:
            return False

    try:
        assert wait_until(answers, timeout=60), proc.stderr.read() if proc.poll() is not None else "no answer"
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_api_answers_503_json_with_retry_after_when_the_database_is_away(server_without_database):
    base, _proc = server_without_database

    status, headers, body = fetch(f"{base}/api/v1/tasks", {"Authorization": "Bearer fu_whatever"})

    assert (status, headers["Retry-After"], headers["Content-Type"]) == (503, "5", "application/json")
    assert "database" in json.loads(body)["detail"]


def test_api_write_answers_503_too(server_without_database):
    base, _proc = server_without_database

    status, headers, _body = fetch(f"{base}/api/v1/customers", {"Authorization": "Bearer fu_whatever",
                                                                "Content-Type": "application/json"}, b'{"name": "x"}')

    assert (status, headers["Retry-After"]) == (503, "5")


def test_page_answers_the_branded_503_page_that_reloads_itself(server_without_database):
    base, _proc = server_without_database

    status, headers, body = fetch(f"{base}/tasks/", {"Cookie": "sessionid=abcdefghijklmnopqrstuvwxyz012345"})

    assert (status, headers["Retry-After"]) == (503, "5")
    assert "Followup is back in a moment" in body and '<meta http-equiv="refresh" content="5">' in body
    assert 'class="brand-name">Followup<' in body


def test_htmx_request_gets_a_toast_and_retry_after(server_without_database):
    base, _proc = server_without_database

    status, headers, body = fetch(f"{base}/tasks/", {"Cookie": "sessionid=abcdefghijklmnopqrstuvwxyz012345",
                                                     "HX-Request": "true"})

    assert (status, headers["HX-Reswap"], headers["Retry-After"]) == (200, "none", "5")
    assert "toast-error" in body and "database" in body


def test_server_keeps_running_through_the_outage(server_without_database):
    base, proc = server_without_database
    for _ in range(20):
        fetch(f"{base}/api/v1/me", {"Authorization": "Bearer fu_whatever"})

    assert proc.poll() is None


def test_any_other_error_answers_the_branded_500_page(rf: RequestFactory):
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(rf.get("/tasks/"))

    assert response.status_code == 500 and "Retry-After" not in response
    assert "Something went wrong on our side" in response.content.decode()


def test_any_other_error_in_the_api_answers_json_500(rf: RequestFactory):
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(rf.get("/api/v1/tasks"))

    assert response.status_code == 500 and "detail" in json.loads(response.content)


def test_a_post_during_an_outage_says_it_may_not_have_been_saved_and_does_not_reload(rf: RequestFactory):
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(rf.post("/tasks/new/"))

    body = response.content.decode()
    assert response.status_code == 503 and "may not have been saved" in body and "refresh" not in body
