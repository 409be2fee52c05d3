"""What the customer services announce to the apps above them (``followup.core.hooks``)."""

from followup.core.hooks import Hook

#: D8: customers entered a lifecycle stage, by an edit or a bulk move, inside that transaction.
#: Payload: ``organization_id``, ``stage``, ``batch_key`` (their ``StageChange`` rows carry it),
#: ``count`` and ``actor_id``.
stage_entered = Hook("stage_entered")

#: A2: customers were created or changed (one edit or a bulk stage move), inside that transaction.
#: Payload: ``organization_id``, ``customer_ids``.
customers_changed = Hook("customers_changed")

#: A2: customers are about to be deleted (their tasks go with them), inside that transaction and
#: before ``delete()``. Payload: ``organization_id``, ``customer_ids``.
customers_deleting = Hook("customers_deleting")
