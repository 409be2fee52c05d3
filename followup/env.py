"""Strict parsing of settings from the environment.

A typo such as ``FOLLOWUP_DEBUG=ture`` must stop the start-up with a message that names
the variable, never turn silently into a default.
"""

import ipaddress
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Comma-separated addresses or CIDR networks (``10.0.0.5, 10.1.0.0/16, ::1``); a bare
    address is a network of one. A typo, or a network with host bits set (``10.0.0.1/8``), is an
    error naming the variable: trusting the wrong addresses must never happen silently."""
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(ipaddress.ip_network(item, strict=True))
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an IP address or network ({exc}).") from None
    return networks


# --- The secret key ---------------------------------------------------------------------
# Public, so that anyone can forge sessions signed with it: Django's development server
# (runserver) and the tests may use it, every other server refuses it (followup/wsgi.py, and
# the deploy check followup.E001).
DEVELOPMENT_SECRET_KEY = "followup-insecure-development-key-change-me-in-production"  # noqa: S105
SECRET_KEY_MIN_LENGTH = 32


def secret_key_from_file(path: Path) -> str:
    """The key kept in ``path`` (made by ``followup run``), or "" when there is no such file.
    A file that is there but empty or short is an error naming it, not a silent fallback."""
    try:
        key = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise ImproperlyConfigured(f"Cannot read the secret key file {path}: {exc.strerror}.") from None
    if len(key) < SECRET_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"The secret key file {path} holds fewer than {SECRET_KEY_MIN_LENGTH} characters: "
            "delete it to have `followup run` make a new one, or set FOLLOWUP_SECRET_KEY."
        )
    return key


def secret_key_file_ensure(path: Path) -> str:
    """The key in ``path``, made once (random, readable by this user only) if the file is not
    there yet. Two processes racing here end up with the one key the first of them wrote."""
    key = secret_key_from_file(path)
    if key:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside, then linked into place: a reader never sees a half-written file, and
    # link() fails if another process got there first (its key wins).
    draft = path.with_name(f".{path.name}.{os.getpid()}.draft")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(48) + "\n")
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return secret_key_from_file(path)
