"""WSGI entry point: ``gunicorn followup.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.settings")
application = get_wsgi_application()
