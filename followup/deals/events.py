"""What the deal services announce to the apps above them (``followup.core.hooks``)."""

from followup.core.hooks import Hook

#: L4: a deal was won or lost, inside that transaction. Payload: ``deal``, ``actor``, ``outcome``
#: (``DealStatus.WON`` or ``DealStatus.LOST``).
deal_closed = Hook("deal_closed")

#: D8: deals entered a stage of their sales process (made there, moved by hand, or moved off a
#: deleted stage), inside that transaction. Payload: ``organization_id``, ``stage_id``,
#: ``deal_ids`` and ``actor_id``.
deal_stage_entered = Hook("deal_stage_entered")
