"""D12, L6: the organization's feature switches, which administrators turn in Settings.

* ``tasks_enabled`` (D12): the task module; off, its pages and API answer 404 and people land
  on the customers.
* ``statuses_enabled`` (L6, Livespace's status handling): off, nobody picks a status; tasks are
  simply open or done (complete and reopen), and the status field leaves the task forms and
  the filters. Tasks keep the statuses they have.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts import events
from followup.accounts.access import ensure_admin
from followup.accounts.models import TIME_ZONE_CHOICES, Organization, User
from followup.core.exceptions import FieldErrors

SWITCHES = ("tasks_enabled", "statuses_enabled")


def organization_switch(*, actor: User, **switches: bool) -> Organization:
    """Turn some of ``SWITCHES`` on or off."""
    ensure_admin(actor)
    errors = {name: [_("Unknown setting.")] for name in switches if name not in SWITCHES}
    errors |= {name: [_("Answer true or false.")] for name, value in switches.items()
               if name in SWITCHES and not isinstance(value, bool)}
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=actor.organization_id)
        tasks_were_on = organization.tasks_enabled
        for name, value in switches.items():
            setattr(organization, name, value)
        organization.save(update_fields=list(switches))
        if organization.tasks_enabled != tasks_were_on:  # A2: everyone's tasks appear or vanish at once
            events.visibility_changed.announce(user_ids=list(organization.users.values_list("pk", flat=True)))
    actor.organization = organization
    return organization


def organization_time_zone_set(*, actor: User, time_zone: str) -> Organization:
    """A1, A6: the zone the organization's days are counted in (a date trigger's "N days
    before", the end of an overdue task's day)."""
    ensure_admin(actor)
    if time_zone not in dict(TIME_ZONE_CHOICES):
        raise FieldErrors.single("time_zone", _("Choose a time zone from the list."))
    organization = Organization.objects.get(pk=actor.organization_id)
    organization.time_zone = time_zone
    organization.save(update_fields=["time_zone"])
    actor.organization = organization
    return organization
