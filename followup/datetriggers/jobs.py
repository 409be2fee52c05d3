"""A1 on the scheduler: every date trigger runs a few times a day; each run catches up on
whatever trigger days passed since the last, so a missed run (or a day down) loses nothing."""

from datetime import timedelta

from followup.core.scheduler import periodic
from followup.datetriggers.firing import triggers_run_all


@periodic("date_triggers", every=timedelta(minutes=15))
def date_triggers() -> str:
    return f"date triggers made {triggers_run_all()} task(s)"
