"""Who is at the other end of a request: the client's address, proxies taken into account.

Behind a reverse proxy every request comes from the proxy, so the proxy says who the client
was in ``X-Forwarded-For`` (``client, proxy1, proxy2``: each proxy appends the peer it saw).
Anyone can send that header, so it is believed only as far as the chain runs through the
proxies named in ``FOLLOWUP_TRUSTED_PROXIES``: read from the right, the first address that is
not a trusted proxy is the client. Without trusted proxies, the client is ``REMOTE_ADDR``.

Login throttling (§3.6) and any other per-client limit (public forms, rate limits) ask
:func:`client_address`, or :func:`client_network` to count an IPv6 client by its /64.
"""

import ipaddress

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"
FORWARDED_PROTO = "HTTP_X_FORWARDED_PROTO"
IPV6_CLIENT_PREFIX = 64  # what one IPv6 subscriber is usually given, all of it theirs to rotate through


def parse_address(text: str) -> Address | None:
    """An address as a proxy or socket writes it (``1.2.3.4``, ``1.2.3.4:5678``, ``[2001:db8::1]:443``,
    ``::ffff:1.2.3.4``), IPv4-mapped IPv6 made plain IPv4; None for anything else."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1:text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]  # IPv4 with a port
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_trusted_proxy(address: Address | None) -> bool:
    return address is not None and any(address in network for network in settings.TRUSTED_PROXIES)


def _client(request) -> Address | None:
    peer = parse_address(request.META.get("REMOTE_ADDR") or "")
    if not is_trusted_proxy(peer):
        return peer
    forwarded = [part for part in request.META.get(FORWARDED_FOR, "").split(",") if part.strip()]
    address = peer
    while forwarded and is_trusted_proxy(address):
        hop = parse_address(forwarded.pop())
        if hop is None:
            break  # a trusted proxy wrote something that is no address: stop at the proxy
        address = hop
    return address


def client_address(request) -> str:
    """The client's IP address in canonical form (``203.0.113.7``, ``2001:db8::1``), or "" when
    the server cannot tell (a Unix socket without a trusted proxy in front)."""
    address = _client(request)
    return str(address) if address is not None else ""


def client_network(request) -> str:
    """The client as a limit should count it: its IPv4 address, or its IPv6 /64 (``2001:db8::/64``),
    since one IPv6 client can pick any of the 2^64 addresses of its network."""
    address = _client(request)
    if address is None:
        return ""
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/{IPV6_CLIENT_PREFIX}", strict=False))
    return str(address)


class TrustedProxyMiddleware:
    """Drops ``X-Forwarded-Proto`` and ``X-Forwarded-For`` from a request whose peer is not a
    trusted proxy, before Django's SecurityMiddleware and the views read them: Django believes
    ``SECURE_PROXY_SSL_HEADER`` from anyone, and a client talking straight to gunicorn must not
    be able to claim HTTPS (secure cookies, HSTS) or another address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(parse_address(request.META.get("REMOTE_ADDR") or "")):
            request.META.pop(FORWARDED_PROTO, None)
            request.META.pop(FORWARDED_FOR, None)
        return self.get_response(request)
