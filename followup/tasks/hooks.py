"""What the task services announce to the apps above them (``followup.core.hooks``).

(``tasks.events`` is who is *told* of a task's events; this is what other apps may *act* on.)
"""

from followup.core.hooks import Hook

#: L2, B3: a task was completed or canceled (its status moved into the done or canceled
#: category), inside that transaction, once per move. Payload: ``task``, ``actor`` (``None``
#: when the system did it) and ``category``.
task_closed = Hook("task_closed")

#: A2: tasks were created or changed (fields, status, people, subscribers, notes), inside that
#: transaction; set-based writers announce once per statement. Payload: ``organization_id``,
#: ``task_ids`` (a list of ids).
tasks_changed = Hook("tasks_changed")

#: A2: tasks are about to be deleted, inside that transaction and before ``delete()``, so that a
#: receiver can still find what goes with them (subtasks, reminders). Payload: ``organization_id``,
#: ``task_ids``.
tasks_deleting = Hook("tasks_deleting")
