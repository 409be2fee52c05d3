"""Forms' periodic work for the scheduler."""

from datetime import timedelta

from followup.core.scheduler import periodic
from followup.intake.spam import counters_prune


@periodic("form_counters_prune", every=timedelta(hours=1))
def form_counters_prune() -> str:
    return f"deleted {counters_prune()} form rate counter(s)"
