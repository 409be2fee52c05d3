"""What every task page shares: the D12 module switch and the context of a task row."""

import functools
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _

from followup.core.web import domain_errors, setup_needed
from followup.tasks import selectors


def task_module(view):
    """Signed-in users of an organization whose task module is on (D12). Otherwise a 404 that
    says why (an old link or bookmark should not look like a broken page)."""

    @login_required
    @domain_errors
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        org = request.user.organization
        if org is None:
            raise Http404(_("You belong to no organization."))
        if not org.tasks_enabled:
            return setup_needed(
                request, status=404, problem=_("The task module is switched off for your organization."),
                fix=_("Whoever runs Followup for your organization can switch it on (Administration → "
                      "Organizations, for platform administrators)."),
            )
        return view(request, *args, **kwargs)

    return wrapper


def row_context(request, here: str) -> dict:
    """What every task row needs besides the task: the page to return to and today's date."""
    return {
        "here": here,
        "here_q": quote(here, safe=""),
        "today": selectors.today_for(request.user),
    }
