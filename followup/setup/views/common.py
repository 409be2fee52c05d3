"""What every Settings page shares: administrators only (L8: 403 for everyone else), the
Settings navigation, and the post-redirect-get of its small forms."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from followup.accounts.access import ensure_admin
from followup.core.parsing import parse_paging
from followup.core.web import domain_errors
from followup.setup.nav import navigation


def admin_only(view):
    """Signed in, an administrator of their organization (else the 403 page with the reason),
    and domain errors mapped as on every page."""

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        ensure_admin(request.user)
        return view(request, *args, **kwargs)

    return login_required(domain_errors(checked))


def settings_render(request, template: str, context: dict, *, page: str, status: int = 200):
    return render(request, template, {**context, "settings_nav": navigation(page), "nav_page": page},
                  status=status)


def done(request, message: str, to: str, *args):
    """A change that worked: say so and show the page again (post-redirect-get)."""
    messages.success(request, message)
    return redirect(to, *args)


def flag(request, name: str) -> bool:
    return request.POST.get(name) in ("on", "1", "true")


def parse_int_or_none(raw) -> int | None:
    """An id from a query string, or ``None`` for anything that is not one."""
    return int(raw) if isinstance(raw, str) and raw.isdigit() and len(raw) < 18 else None


def paging(request) -> tuple[int, int]:
    return parse_paging(request.GET)


def delete_view(fetch, delete, message, to: str):
    """A view that deletes one row by ``pk`` (``fetch(actor, pk)`` finds it first, for its name
    and the 404) and says ``message`` on the list ``to``."""

    @require_POST
    @admin_only
    def view(request, pk: int):
        name = fetch(request.user, pk).name
        delete(request.user, pk)
        return done(request, str(message) % {"name": name}, to)

    return view
