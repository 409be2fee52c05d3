"""§3.5: the public development key serves only Django's development server and the tests;
gunicorn and ``check --deploy`` refuse it, and only ``followup run`` makes a key of its own."""

import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request

import pytest

from followup.core.secret_key import secret_key_for_this_machine
from followup.core.tests.processes import PROJECT_DIR, child_process_env
from followup.env import DEVELOPMENT_SECRET_KEY, secret_key_file_ensure

A_KEY = "k" * 20 + "-a-production-key-of-enough-length"


def clean_env(data_dir, **extra) -> dict[str, str]:
    """This environment without any Followup or Django setting (no secret key, and not the
    browser tests' DJANGO_ALLOW_ASYNC_UNSAFE), with an empty data folder of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOLLOWUP_", "DJANGO_")) and k != "DATABASE_URL"}
    return {**env, "DJANGO_SETTINGS_MODULE": "followup.settings", "FOLLOWUP_DATA_DIR": str(data_dir), **extra}


def python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, env=env, capture_output=True, text=True,
                          timeout=180)


def followup(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "followup.cli", *args], cwd=PROJECT_DIR, env=env,
                          capture_output=True, text=True, timeout=180)


def test_wsgi_application_refuses_the_development_key(tmp_path):
    result = python("import followup.wsgi", clean_env(tmp_path))

    assert result.returncode != 0
    assert "ImproperlyConfigured: No secret key: set FOLLOWUP_SECRET_KEY" in result.stderr


def test_wsgi_application_refuses_the_development_key_with_debug_on(tmp_path):
    result = python("import followup.wsgi", clean_env(tmp_path, FOLLOWUP_DEBUG="true"))

    assert result.returncode != 0
    assert "No secret key" in result.stderr


def test_wsgi_application_refuses_the_development_key_given_as_the_variable(tmp_path):
    result = python("import followup.wsgi", clean_env(tmp_path, FOLLOWUP_SECRET_KEY=DEVELOPMENT_SECRET_KEY))

    assert result.returncode != 0


def test_wsgi_application_starts_with_the_variable(tmp_path):
    result = python("import followup.wsgi", clean_env(tmp_path, FOLLOWUP_SECRET_KEY=A_KEY))

    assert result.returncode == 0, result.stderr


def test_wsgi_application_starts_with_the_key_file_of_the_data_folder(tmp_path):
    key = secret_key_file_ensure(tmp_path / "secret_key")

    result = python("import followup.wsgi; from django.conf import settings; print(settings.SECRET_KEY)",
                    clean_env(tmp_path))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == key


def test_variable_wins_over_the_key_file(tmp_path):
    secret_key_file_ensure(tmp_path / "secret_key")

    result = python("import followup.wsgi; from django.conf import settings; print(settings.SECRET_KEY)",
                    clean_env(tmp_path, FOLLOWUP_SECRET_KEY=A_KEY))

    assert result.stdout.strip() == A_KEY


def test_a_short_key_file_is_an_error_naming_it(tmp_path):
    (tmp_path / "secret_key").write_text("short\n")

    result = python("import django; django.setup()", clean_env(tmp_path))

    assert result.returncode != 0
    assert f"The secret key file {tmp_path / 'secret_key'} holds fewer than 32 characters" in result.stderr


def test_development_server_serves_with_the_development_key(tmp_path):
    # What runserver loads: settings.WSGI_APPLICATION.
    code = ("import django; django.setup(); from django.core.servers.basehttp import get_internal_wsgi_application; "
            "get_internal_wsgi_application()")

    assert python(code, clean_env(tmp_path)).returncode == 0


def test_require_secret_key_is_obeyed_with_debug_on(tmp_path):
    result = python("import django; django.setup()",
                    clean_env(tmp_path, FOLLOWUP_DEBUG="true", FOLLOWUP_REQUIRE_SECRET_KEY="true"))

    assert result.returncode != 0
    assert "FOLLOWUP_REQUIRE_SECRET_KEY is on and there is no secret key" in result.stderr


def test_require_secret_key_is_content_with_the_key_file(tmp_path):
    secret_key_file_ensure(tmp_path / "secret_key")

    result = python("import django; django.setup()", clean_env(tmp_path, FOLLOWUP_REQUIRE_SECRET_KEY="true"))

    assert result.returncode == 0, result.stderr


def test_check_deploy_fails_on_the_development_key(tmp_path):
    result = followup("check", "--deploy", env=clean_env(tmp_path))

    assert result.returncode != 0
    assert "(followup.E001) The secret key is the public development key." in result.stderr


def test_check_deploy_accepts_a_real_key(tmp_path):
    result = followup("check", "--deploy", env=clean_env(tmp_path, FOLLOWUP_SECRET_KEY=A_KEY))

    assert "followup.E001" not in result.stderr
    assert result.returncode == 0, result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), 0.2):
            return True
    except OSError:
        return False


def test_gunicorn_exits_without_serving_when_there_is_no_key(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "followup.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=PROJECT_DIR, env=clean_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        output, _ = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    assert proc.returncode != 0
    assert "No secret key: set FOLLOWUP_SECRET_KEY" in output
    assert not answers(port)


def test_gunicorn_serves_with_the_variable(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "followup.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=PROJECT_DIR, env=clean_env(tmp_path, FOLLOWUP_SECRET_KEY=A_KEY),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not answers(port) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        assert answers(port)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_key_file_is_made_once_and_readable_by_its_owner_only(tmp_path):
    first = secret_key_file_ensure(tmp_path / "secret_key")
    second = secret_key_file_ensure(tmp_path / "secret_key")

    assert first == second and len(first) >= 50
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no draft left behind


def test_run_makes_a_key_and_uses_it_in_its_own_process(tmp_path, settings):
    settings.SECRET_KEY = DEVELOPMENT_SECRET_KEY
    settings.SECRET_KEY_FILE = tmp_path / "secret_key"

    secret_key_for_this_machine()

    assert settings.SECRET_KEY == (tmp_path / "secret_key").read_text().strip()


def test_run_makes_no_key_file_when_a_key_is_set(tmp_path, settings):
    settings.SECRET_KEY = A_KEY
    settings.SECRET_KEY_FILE = tmp_path / "secret_key"

    secret_key_for_this_machine()

    assert settings.SECRET_KEY == A_KEY and not (tmp_path / "secret_key").exists()


@pytest.mark.django_db(transaction=True)
def test_run_without_a_key_makes_one_in_the_data_folder_and_serves(tmp_path):
    """The quick start with nothing set: `followup run` keeps a key in the data folder, and its
    gunicorn (which refuses the development key) serves with it."""
    port = free_port()
    env = {**child_process_env(), "FOLLOWUP_DATA_DIR": str(tmp_path), "FOLLOWUP_DEBUG": "false"}
    del env["FOLLOWUP_SECRET_KEY"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "followup.cli", "run", "--port", str(port), "--no-demo", "--workers", "1",
         "--no-worker", "--no-scheduler"],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    try:
        output = []
        for line in proc.stdout:
            output.append(line)
            if "Followup is running on" in line or "exited with code" in line:
                break
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=10) as response:
            assert response.status == 200, "".join(output)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)

    assert len((tmp_path / "secret_key").read_text().strip()) >= 50
