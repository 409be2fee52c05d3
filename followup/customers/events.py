"""What the customer services announce to the apps above them (``followup.core.hooks``)."""

from followup.core.hooks import Hook

#: D8: customers entered a lifecycle stage, by an edit or a bulk move, inside that transaction.
#: Payload: ``organization_id``, ``stage``, ``batch_key`` (their ``StageChange`` rows carry it),
#: ``count`` and ``actor_id``.
stage_entered = Hook("stage_entered")
