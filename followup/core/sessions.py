"""The session store: Django's database sessions, read by SQL compiled once (issue 16 §1).

Every request of a signed-in user reads its session row first; building and compiling that
``get()`` cost more than the indexed read itself, on every page and on each poll of the header
badge (``GET /api/v1/counts``, which §5 wants under 3 ms). The row is read by its key alone and
its expiry compared here, which is what the ORM's ``expire_date > now()`` asked of the database.
``SESSION_ENGINE`` names this module.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from followup.core.compiled import CompiledModels

_BY_KEY = CompiledModels(lambda session_key: Session.objects.filter(session_key=session_key)[:1], "session_key")


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        found = _BY_KEY.models(session_key=self.session_key)
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
