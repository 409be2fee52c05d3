"""A6 on the scheduler: overdue tasks are escalated within a few minutes of passing a threshold."""

from datetime import timedelta

from followup.core.scheduler import periodic
from followup.escalations.firing import escalations_run


@periodic("escalations", every=timedelta(minutes=5))
def escalations() -> str:
    return f"escalated {escalations_run()} overdue task(s)"
