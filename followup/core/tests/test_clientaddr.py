"""§3.6: the client's address is REMOTE_ADDR, or what X-Forwarded-For says only as far as the
request came through the proxies named in FOLLOWUP_TRUSTED_PROXIES."""

import ipaddress
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from followup.core.clientaddr import client_address, client_network
from followup.core.tests.processes import PROJECT_DIR, child_process_env
from followup.env import env_networks

PROXY = "10.0.0.1"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/24"), ipaddress.ip_network("2001:db8:ffff::1/128")]


def request(remote_addr=PROXY, forwarded_for=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/login/", **extra)


def test_without_trusted_proxies_the_client_is_the_peer(settings):
    settings.TRUSTED_PROXIES = []

    assert client_address(request("203.0.113.7", forwarded_for="198.51.100.1")) == "203.0.113.7"


def test_forwarded_for_from_an_untrusted_peer_is_ignored(behind_proxy):
    assert client_address(request("203.0.113.7", forwarded_for="198.51.100.1")) == "203.0.113.7"


def test_forwarded_for_from_a_trusted_proxy_names_the_client(behind_proxy):
    assert client_address(request(PROXY, forwarded_for="203.0.113.7")) == "203.0.113.7"


def test_what_the_client_wrote_in_front_of_the_proxy_entry_is_ignored(behind_proxy):
    # The client sent "X-Forwarded-For: 198.51.100.1"; the proxy appended the address it saw.
    assert client_address(request(PROXY, forwarded_for="198.51.100.1, 203.0.113.7")) == "203.0.113.7"


def test_a_chain_of_trusted_proxies_is_followed_to_the_client(behind_proxy):
    assert client_address(request(PROXY, forwarded_for="198.51.100.1, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"


def test_a_request_from_a_trusted_proxy_without_the_header_is_the_proxy(behind_proxy):
    assert client_address(request(PROXY)) == PROXY


def test_a_malformed_entry_stops_at_the_proxy(behind_proxy):
    assert client_address(request(PROXY, forwarded_for="203.0.113.7, unknown")) == PROXY


@pytest.mark.parametrize("written,expected", [
    ("203.0.113.7:51234", "203.0.113.7"),
    ("[2001:db8::7]:443", "2001:db8::7"),
    ("2001:DB8:0:0::7", "2001:db8::7"),
    ("::ffff:203.0.113.7", "203.0.113.7"),
])
def test_addresses_are_read_as_proxies_write_them(behind_proxy, written, expected):
    assert client_address(request(PROXY, forwarded_for=written)) == expected


def test_an_ipv6_proxy_is_trusted_by_its_network(behind_proxy):
    assert client_address(request("2001:db8:ffff::1", forwarded_for="203.0.113.7")) == "203.0.113.7"


def test_an_ipv4_mapped_peer_is_the_ipv4_address(settings):
    settings.TRUSTED_PROXIES = []

    assert client_address(request("::ffff:203.0.113.7")) == "203.0.113.7"


def test_a_peer_without_an_address_is_empty(settings):
    assert client_address(request("")) == ""


def test_an_ipv6_client_counts_as_its_64_network(settings):
    settings.TRUSTED_PROXIES = []

    assert client_network(request("2001:db8:1:2:aaaa:bbbb:cccc:dddd")) == "2001:db8:1:2::/64"
    assert client_network(request("203.0.113.7")) == "203.0.113.7"


def test_trusted_proxies_setting_reads_addresses_and_networks(monkeypatch):
    monkeypatch.setenv("FOLLOWUP_TRUSTED_PROXIES", "10.0.0.5, 10.1.0.0/16, ::1")

    assert env_networks("FOLLOWUP_TRUSTED_PROXIES") == [
        ipaddress.ip_network("10.0.0.5/32"), ipaddress.ip_network("10.1.0.0/16"), ipaddress.ip_network("::1/128")]


@pytest.mark.parametrize("raw", ["10.0.0.300", "localhost", "10.0.0.1/8", "10.0.0.0/33"])
def test_a_bad_trusted_proxy_is_an_error_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("FOLLOWUP_TRUSTED_PROXIES", f"10.0.0.5,{raw}")

    with pytest.raises(ImproperlyConfigured, match=f"FOLLOWUP_TRUSTED_PROXIES: '{raw}' is not an IP address"):
        env_networks("FOLLOWUP_TRUSTED_PROXIES")


def settings_value(name: str, **env) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print(getattr(settings, {name!r}, None))"
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, env={**child_process_env(), **env},
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_proxy_ssl_header_is_set_only_with_trusted_proxies():
    assert settings_value("SECURE_PROXY_SSL_HEADER", FOLLOWUP_TRUSTED_PROXIES="") == "None"
    assert settings_value("SECURE_PROXY_SSL_HEADER", FOLLOWUP_TRUSTED_PROXIES="127.0.0.1") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')")


def test_hsts_is_on_with_secure_cookies():
    assert settings_value("SECURE_HSTS_SECONDS", FOLLOWUP_SECURE_COOKIES="false") == "0"
    assert settings_value("SECURE_HSTS_SECONDS", FOLLOWUP_SECURE_COOKIES="true") == str(365 * 24 * 3600)
    assert settings_value("SECURE_HSTS_SECONDS", FOLLOWUP_SECURE_COOKIES="true", FOLLOWUP_HSTS_SECONDS="600") == "600"
