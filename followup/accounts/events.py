"""What the accounts services announce to the apps above them (``followup.core.hooks``)."""

from followup.core.hooks import Hook

#: L1: a new organization, however it was made (service, admin, demo); receivers give it their
#: defaults in the same transaction. Payload: ``organization``.
organization_created = Hook("organization_created")

#: A2: what these people may see changed wholesale (their role), inside that transaction.
#: Payload: ``user_ids``.
visibility_changed = Hook("visibility_changed")
