"""What the task services announce to the apps above them (``followup.core.hooks``).

(``tasks.events`` is who is *told* of a task's events; this is what other apps may *act* on.)
"""

from followup.core.hooks import Hook

#: L2, B3: a task was completed or canceled (its status moved into the done or canceled
#: category), inside that transaction, once per move. Payload: ``task``, ``actor`` (``None``
#: when the system did it) and ``category``.
task_closed = Hook("task_closed")
