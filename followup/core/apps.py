from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "followup.core"
    label = "core"

    def ready(self):
        from followup.core import (
            checks,  # noqa: F401 - registers Followup's system checks
            textsearch,
        )

        # Database plumbing, not business rules: SQLite learns the Unicode case fold that search
        # uses, and search's SQLite indexes are remade after a migration that rebuilt their table.
        connection_created.connect(textsearch.register_fold, dispatch_uid="followup_fold")
        post_migrate.connect(textsearch.ensure_indexes, sender=self, dispatch_uid="followup_fts")
