"""Settings › General: the organization and its task module switch (D12)."""

from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from followup.accounts.models import TIME_ZONE_CHOICES
from followup.accounts.switches import organization_switch, organization_time_zone_set
from followup.setup.views.common import admin_only, done, flag, settings_render


@admin_only
def general(request):
    return settings_render(request, "setup/general.html", {"organization": request.user.organization,
                                                           "time_zones": TIME_ZONE_CHOICES}, page="setup:general")


SWITCHED = {
    ("tasks_enabled", True): _("The task module is on."),
    ("tasks_enabled", False): _("The task module is off: its pages are gone for everyone until you turn it on."),
    ("statuses_enabled", True): _("Status handling is on: people choose a status for each task."),
    ("statuses_enabled", False): _("Status handling is off: tasks are simply open or done."),
}


@require_POST
@admin_only
def switch(request, name: str):
    """Turn one switch on or off; back to the page it was turned on."""
    value = flag(request, "on")
    organization_switch(actor=request.user, **{name: value})
    back = "setup:task_statuses" if name == "statuses_enabled" else "setup:general"
    return done(request, str(SWITCHED[(name, value)]), back)


@require_POST
@admin_only
def time_zone(request):
    """A1, A6: the organization's time zone; a bad one is named on the page it came from."""
    organization_time_zone_set(actor=request.user, time_zone=request.POST.get("time_zone", ""))
    return done(request, str(_("Time zone saved.")), "setup:general")
