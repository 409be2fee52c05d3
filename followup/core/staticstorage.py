"""Static files under hashed names, compressed (WhiteNoise, issue 16 §2), with each file's URL
worked out once per process (issue 16 §1).

Every page names a dozen static files (the layout's styles and scripts, a section's own style),
and each ``{% static %}`` asked the manifest again: 38 µs a name on this machine, half a
millisecond a page. A file's hashed name cannot change while a process runs: the manifest is read
when the storage is made, and a new release restarts the processes (and a changed setting, in a
test, makes a new storage). So the answer is remembered, keyed by what else it depends on.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool, bool], str] = {}

    def url(self, name, force=False):
        key = (name, force, settings.DEBUG)  # with DEBUG on, Django names the unhashed file
        found = self._urls.get(key)
        if found is None:
            found = self._urls[key] = super().url(name, force)
        return found
