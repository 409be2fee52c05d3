"""Reminders in the browser (J6): all my reminders, add one from a detail page, deactivate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.core.pagination import parse_page_number
from followup.core.web import domain_errors, safe_next
from followup.reminders import selectors, services
from followup.reminders.forms import (
    parse_local_datetime,
    parse_target_id,
    parse_typed_datetime,
    quick_moments,
    quick_times,
)
from followup.reminders.targets import KINDS


@login_required
def reminder_list(request):
    page = selectors.reminder_list(user=request.user, page=parse_page_number(request.GET.get("page")))
    return render(request, "reminders/list.html", {"page": page, "presets": quick_times(timezone.localtime())})


@login_required
@domain_errors
def reminders_on_object(request, target_type: str, target_id: int):
    """The "Remind me" box's upper part, loaded by htmx: my reminders on this object that have yet
    to fire, each with a remove button, and quick times for the form below it."""
    kind = KINDS.get(target_type)
    if kind is None:
        raise Http404
    target = kind.get(actor=request.user, object_id=target_id)
    return render(request, "reminders/_on_object.html", {
        "reminders": selectors.upcoming_reminders_on(user=request.user, target=target),
        "presets": quick_moments(timezone.localtime()), "field_id": f"rem-{target_type}-{target_id}",
        "next": safe_next(request, kind.url(target_id)),
    })


@require_POST
@login_required
@domain_errors
def reminder_create(request):
    """J6: the Remind me box posts a typed date and a time (``remind_date``, ``remind_time``);
    ``remind_at`` (``2026-11-24T15:30``) is read too, for a client that sends one value."""
    if "remind_date" in request.POST or "remind_time" in request.POST:
        remind_at = parse_typed_datetime(request.POST.get("remind_date"), request.POST.get("remind_time"))
    else:
        remind_at = parse_local_datetime(request.POST.get("remind_at"))
    services.reminder_create(
        actor=request.user, target_type=request.POST.get("target_type", ""),
        target_id=parse_target_id(request.POST.get("target_id")), remind_at=remind_at,
        note=request.POST.get("note", ""),
    )
    messages.success(request, _("Reminder set."))
    return redirect(safe_next(request, reverse("reminders:list")))


@require_POST
@login_required
@domain_errors
def reminder_deactivate(request, reminder_id: int):
    services.reminder_deactivate(actor=request.user, reminder_id=reminder_id)
    messages.success(request, _("Reminder deactivated."))
    return redirect(safe_next(request, reverse("reminders:list")))


@require_POST
@login_required
@domain_errors
def reminder_reschedule(request, reminder_id: int):
    """Snooze from the reminders page: one click on a quick time moves the reminder there."""
    reminder = services.reminder_reschedule(actor=request.user, reminder_id=reminder_id,
                                            remind_at=parse_local_datetime(request.POST.get("remind_at")))
    when = timezone.localtime(reminder.remind_at)
    messages.success(request, _("Reminder moved to %(when)s.") % {"when": date_format(when, "j M Y, H:i")})
    return redirect(safe_next(request, reverse("reminders:list")))
