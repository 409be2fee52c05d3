"""Explicit announcements from a domain app's service to the layers above it.

A service that did something others may follow up on (an organization was created, a customer
entered a stage) calls ``hook.announce(...)`` itself, inside its own transaction; the apps
that react connect their receiver once, in their ``AppConfig.ready()``. Unlike Django's model
signals nothing fires on a bare ``save()``: the one place a rule is triggered is the service
call, which ``grep announce`` finds, and a receiver's failure rolls the whole change back.
"""

from collections.abc import Callable


class Hook:
    """One kind of announcement and the receivers connected to it, called in connection order."""

    def __init__(self, name: str):
        self.name = name
        self._receivers: list[Callable[..., None]] = []

    def connect(self, receiver: Callable[..., None]) -> Callable[..., None]:
        """Connect ``receiver`` (once, however often ``ready()`` runs); usable as a decorator."""
        if receiver not in self._receivers:
            self._receivers.append(receiver)
        return receiver

    def announce(self, **payload) -> None:
        for receiver in self._receivers:
            receiver(**payload)

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._receivers)} receiver(s)>"
