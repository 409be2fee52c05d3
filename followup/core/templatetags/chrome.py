"""``{% topbar %}``: the page chrome of a signed-in page (the top bar, the navigation, the account
menu), drawn once per distinct :class:`Chrome` and reused (issue 16 §1: page chrome cached per
user where it is safe).

Safe by construction: ``_topbar.html`` reads nothing but ``chrome`` (a frozen :class:`Chrome`
made of everything the bar shows: the person's name and initials, role flags, the organization's
name and task switch, the section the page is in, the language and the URL prefix), so two
requests with equal ``Chrome`` draw the same bar, and a renamed person, a changed role or
another language is simply another key; nothing needs invalidating. What differs on every
request is left as a slot and filled in per request: the header badge (the number of my pending
tasks, D1, itself drawn once per count and language) and the CSRF token of the logout form. The
cache is per process and bounded (least recently used first out); a new release restarts the
processes and so draws its new templates.
"""

import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# A per-process random marker: no user text can contain it, whatever it is.
_MARK = f"chrome{secrets.token_hex(8)}"
_SLOT = re.compile(rf"{_MARK}-(\w+)-")
# Issue 16 §2: the template's indentation, dropped from the drawn bar. The bar holds no <pre> or
# <textarea>, and the newline left in its place still separates what the indentation did.
_INDENT = re.compile(r"\n\s+")


@dataclass(frozen=True)
class Chrome:
    """Everything the top bar shows; the template reads only these."""

    user_id: int
    display_name: str
    initials: str
    organization_name: str
    tasks_on: bool
    is_org_admin: bool
    is_admin: bool  # the administrator role (automation rules)
    is_staff: bool
    app: str  # the section the page is in, for the active link
    language: str
    prefix: str  # the script prefix every URL starts with
    urlconf: str


def chrome_of(request, user) -> Chrome:
    organization = user.organization
    match = getattr(request, "resolver_match", None)
    return Chrome(
        user_id=user.pk, display_name=user.display_name, initials=user.initials,
        organization_name=organization.name if organization else "",
        tasks_on=bool(organization and organization.tasks_enabled), is_org_admin=user.is_org_admin,
        is_admin=user.role == "admin", is_staff=user.is_staff, app=match.app_name if match else "",
        language=get_language() or "", prefix=get_script_prefix(), urlconf=str(get_urlconf() or ""),
    )


@lru_cache(maxsize=2048)
def _parts(chrome: Chrome) -> tuple[str, ...]:
    """The bar's HTML split at its slots: text, slot name, text, slot name, ..., text."""
    html = render_to_string("_topbar.html", {
        "chrome": chrome, "badge_slot": mark_safe(f"{_MARK}-badge-"),  # noqa: S308 - our own marker
        "csrf_token": f"{_MARK}-csrf-",
    })
    return tuple(_SLOT.split(_INDENT.sub("\n", html)))


@lru_cache(maxsize=512)
def _badge(count: int, language: str, prefix: str, urlconf: str) -> str:
    """The header badge (D1) for ``count`` pending tasks: the same for everyone with that count."""
    return render_to_string("tasks/_badge.html", {"pending_badge": count})


@register.simple_tag(takes_context=True)
def topbar(context) -> SafeString:
    request, user = context.get("request"), context.get("user")
    if user is None or not user.is_authenticated:  # base.html asks only for a signed-in person
        return SafeString("")
    chrome = chrome_of(request, user)
    parts = _parts(chrome)
    fill = {"csrf": str(context.get("csrf_token", "")), "badge": ""}
    badge = context.get("pending_badge")
    if chrome.tasks_on and badge is not None:
        fill["badge"] = _badge(badge() if callable(badge) else badge, chrome.language, chrome.prefix, chrome.urlconf)
    return mark_safe("".join(fill[p] if i % 2 else p for i, p in enumerate(parts)))  # noqa: S308 - escaped parts
