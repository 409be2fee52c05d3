"""A static files finder for the collected copies under their hashed names (issue 16 §2).

Pages name static files by content hash (``CompressedManifestStaticFilesStorage``); only
``collectstatic`` makes those names, in ``STATIC_ROOT``. WhiteNoise serves them in every real
server; this finder lets the servers that look static files up through the finders (the test
suite's live server, ``runserver --nostatic`` aside) find them too. It lists nothing, so
``collectstatic`` never copies ``STATIC_ROOT`` into itself.
"""

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage


class CollectedFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=settings.STATIC_ROOT)

    def find(self, path, find_all=False, **kwargs):
        find_all = find_all or kwargs.get("all", False)  # Django 5.2 still passes the old name
        if not self.storage.exists(path):
            return [] if find_all else None
        return [self.storage.path(path)] if find_all else self.storage.path(path)

    def list(self, ignore_patterns):
        return []
