"""L7, B1: the sharing page of the profile (Livespace: profile settings → Calendar and tasks →
Share) and the two feed URLs. Thin: services write, selectors read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from followup.core.exceptions import FieldErrors
from followup.core.web import domain_errors
from followup.sharing import feeds, selectors, services
from followup.sharing.models import Level

FEED_URL_KEY = "sharing_new_feed_token"


def _per_type(post, types) -> dict[int, str]:
    """The form's per-type choices; "" (as for all types) is no exception."""
    return {t.pk: post.get(f"type_{t.pk}") for t in types if post.get(f"type_{t.pk}", "") != ""}


def _action(request, action: str, types) -> None:
    post = request.POST
    if action == "share":
        services.share_set(actor=request.user, grantee_id=post.get("grantee"), level=post.get("level"),
                           per_type=_per_type(post, types))
        messages.success(request, _("Sharing is saved."))
    elif action == "unshare":
        services.share_remove(actor=request.user, grantee_id=post.get("grantee"))
        messages.success(request, _("You no longer share with this person."))
    elif action == "feed_new":
        _feed, raw = services.feed_regenerate(user=request.user, include_details=post.get("include_details") == "on")
        request.session[FEED_URL_KEY] = raw
        messages.success(request, _("Your new feed address is below. Copy it now: it is shown only once."))
    elif action == "feed_details":
        services.feed_set_details(user=request.user, include_details=post.get("include_details") == "on")
        messages.success(request, _("The feed setting is saved."))
    elif action == "feed_revoke":
        services.feed_revoke(user=request.user)
        messages.success(request, _("The feed addresses are revoked: calendars subscribed to them stop updating."))


def _feed_urls(request, raw: str | None) -> dict[str, str]:
    if not raw:
        return {}
    return {kind: request.build_absolute_uri(reverse(f"sharing:feed_{kind}", args=[raw])) for kind in ("tasks", "busy")}


@login_required
@domain_errors
def sharing_page(request):
    """L7, B1: with whom I share and how, who shares with me, and my calendar feed."""
    types = selectors.share_types(request.user)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            _action(request, request.POST.get("action", ""), types)
            return redirect("sharing:page")
        except FieldErrors as exc:
            errors = exc.errors
    new_token = request.session.pop(FEED_URL_KEY, None)
    return render(request, "sharing/sharing.html", {
        "levels": Level.choices, "types": types, "errors": errors, "posted": request.POST,
        "given": selectors.shares_given(request.user), "received": selectors.shares_to_me(request.user),
        "feed": selectors.feed_of(request.user), "feed_urls": _feed_urls(request, new_token),
    })


def _serve(request, feed: feeds.Feed) -> HttpResponse:
    """B1: the feed, or a 304 when the client's ETag (or date) is current."""
    etag = f'"{feed.etag}"'
    stamp = int(feed.last_modified.timestamp()) if feed.last_modified else None  # HTTP dates have whole seconds
    response = get_conditional_response(request, etag=etag, last_modified=stamp)
    if response is None:
        response = HttpResponse(feed.render(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="followup.ics"'
    response["ETag"] = etag
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp)
    response["Cache-Control"] = "private, max-age=300"
    return response


def _feed_or_404(token: str):
    feed = selectors.feed_for_token(token)
    if feed is None:
        raise Http404(_("No such calendar feed."))
    return feed


@require_GET
def feed_tasks(request, token: str):
    return _serve(request, feeds.task_feed(_feed_or_404(token)))


@require_GET
def feed_busy(request, token: str):
    return _serve(request, feeds.busy_feed(_feed_or_404(token)))
