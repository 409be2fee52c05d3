"""Fire due reminders (J6): every 5 seconds, and in between as each one falls due."""

from datetime import timedelta

from followup.core.scheduler import periodic
from followup.reminders.services import reminders_follow

EVERY = timedelta(seconds=5)


@periodic("reminders_fire", every=EVERY)
def reminders_fire() -> str:
    return f"fired {reminders_follow(window=EVERY)} reminder(s)"
