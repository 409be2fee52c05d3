"""Settings › General: the organization and its task module switch (D12)."""

from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from followup.accounts.switches import organization_switch
from followup.setup.views.common import admin_only, done, flag, settings_render


@admin_only
def general(request):
    return settings_render(request, "setup/general.html", {"organization": request.user.organization},
                           page="setup:general")


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
