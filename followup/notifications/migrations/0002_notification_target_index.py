"""Deleting a task, memo, project, deal or customer deletes the notifications about it (found by
content type and id): an index of just the notifications that point at an object, built
concurrently on PostgreSQL so the notifications table stays writable."""

from django.db import migrations

from followup.core.migration_ops import CreateIndexesConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("notifications", "0001_initial"),
    ]

    operations = [
        CreateIndexesConcurrently("notifications_notification", {
            "notification_target": "(content_type_id, object_id) WHERE object_id IS NOT NULL",
        }),
    ]
