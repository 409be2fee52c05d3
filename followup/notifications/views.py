"""Notifications in the browser (J2, D1): the list, mark read, open, and e-mail preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.core.pagination import parse_page_number
from followup.core.web import safe_next
from followup.notifications import selectors, services
from followup.notifications.models import Event


@login_required
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    page = selectors.notification_list(user=request.user, unread_only=unread_only,
                                       page=parse_page_number(request.GET.get("page")))
    return render(request, "notifications/list.html", {"page": page, "unread_only": unread_only})


@login_required
def unread_dot(request):
    """D1: the red dot's fragment (one indexed count), polled by the header."""
    return render(request, "notifications/_dot.html", {"unread": selectors.unread_count(request.user), "polled": True})


@require_POST
@login_required
def notification_open(request, notification_id: int):
    """Mark one notification read and go to its object."""
    url = selectors.notification_url(user=request.user, notification_id=notification_id)
    if url is None:
        raise Http404(_("There is no such notification of yours."))
    services.notifications_mark_read(actor=request.user, ids=[notification_id])
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("notifications:list")


@require_POST
@login_required
def notifications_read(request):
    """Mark the checked notifications (``ids``) or, with ``all``, every one read."""
    if request.POST.get("all"):
        n = services.notifications_mark_read(actor=request.user)
    else:
        ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit() and len(v) < 19]
        n = services.notifications_mark_read(actor=request.user, ids=ids)
    messages.success(request, _("Marked %(n)s notification(s) read.") % {"n": n})
    return redirect(safe_next(request, reverse("notifications:list")))


@login_required
def email_settings(request):
    """Choose, per kind of event, whether to get an e-mail as well (J2)."""
    if request.method == "POST":
        wanted = [v for v in request.POST.getlist("email") if v in Event.values]
        services.email_preferences_set(actor=request.user, wanted=wanted)
        messages.success(request, _("E-mail preferences saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"prefs": selectors.email_preferences(request.user)})
