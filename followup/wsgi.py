"""WSGI entry point: ``gunicorn followup.wsgi`` (and any other WSGI server).

It refuses the public development key (§3.5): a server other than Django's development one
starts only with FOLLOWUP_SECRET_KEY, or with the key file `followup run` keeps in the data
folder. No web process invents a key of its own, since several machines must share one.
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

from followup.env import DEVELOPMENT_SECRET_KEY

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.settings")
if settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "No secret key: set FOLLOWUP_SECRET_KEY (the same on every web machine), or start once with "
        f"`followup run`, which keeps one in {settings.SECRET_KEY_FILE}. The public development key "
        "serves only Django's development server (runserver)."
    )
application = get_wsgi_application()
