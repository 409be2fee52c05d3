"""A2: the change log a phone app syncs from, and each person's resync epoch.

A ``Change`` row says "this object changed (or went)": no values, so one row serves every
person, and the sync endpoint reads the object's current state and the person's right to see
it when it answers. Rows are written by ``followup.sync.services`` in the transaction of the
change itself, from the domain services' announcements, never by scanning ``updated_at``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    """What a phone app keeps a copy of; a task's notes travel inside the task."""

    CUSTOMER = "customer"
    TASK = "task"
    REMINDER = "reminder"


class Change(models.Model):
    """One change of one object. ``xid`` is the writing transaction's id on PostgreSQL (0 on
    SQLite): the endpoint serves only rows of transactions older than the oldest one still
    running, in (``xid``, ``id``) order, so a change that commits late is never skipped."""

    id = models.BigAutoField(primary_key=True)
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+",
                                     db_index=False)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    object_id = models.BigIntegerField()
    xid = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["organization", "xid", "id"], name="sync_change_order")]


class Floor(models.Model):
    """How far an organization's log has been pruned (``services.changes_prune``): a cursor
    before this position has missed rows that are gone, so it is answered 410 "resync from 0"."""

    organization = models.OneToOneField("accounts.Organization", on_delete=models.CASCADE, primary_key=True,
                                        related_name="+")
    xid = models.BigIntegerField(default=0)
    change_id = models.BigIntegerField(default=0)


class Epoch(models.Model):
    """A person's copy is invalid from the moment their visibility changed wholesale (a new role):
    the epoch grows, and a cursor of an older epoch is answered 410 "resync from 0"."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                related_name="+")
    epoch = models.PositiveIntegerField(default=0)
