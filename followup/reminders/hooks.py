"""What the reminder services announce to the apps above them (``followup.core.hooks``)."""

from followup.core.hooks import Hook

#: A2: reminders were created or changed (deactivated, rescheduled, fired), inside that
#: transaction. Payload: ``organization_id``, ``reminder_ids``.
reminders_changed = Hook("reminders_changed")
