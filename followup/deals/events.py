"""What the deal services announce to the apps above them (``followup.core.hooks``)."""

from followup.core.hooks import Hook

#: L4: a deal was won or lost, inside that transaction. Payload: ``deal``, ``actor``, ``outcome``
#: (``DealStatus.WON`` or ``DealStatus.LOST``).
deal_closed = Hook("deal_closed")
