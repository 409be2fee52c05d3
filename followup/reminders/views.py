"""Reminders in the browser (J6): all my reminders, add one from a detail page, deactivate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.accounts.views import domain_errors, safe_next
from followup.core.pagination import parse_page_number
from followup.reminders import selectors, services
from followup.reminders.forms import parse_local_datetime, parse_target_id


@login_required
def reminder_list(request):
    page = selectors.reminder_list(user=request.user, page=parse_page_number(request.GET.get("page")))
    return render(request, "reminders/list.html", {"page": page})


@require_POST
@login_required
@domain_errors
def reminder_create(request):
    services.reminder_create(
        actor=request.user, target_type=request.POST.get("target_type", ""),
        target_id=parse_target_id(request.POST.get("target_id")),
        remind_at=parse_local_datetime(request.POST.get("remind_at")), note=request.POST.get("note", ""),
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
