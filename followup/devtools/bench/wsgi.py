"""The WSGI application ``followup bench_http`` serves under gunicorn (issue 16 §3): Followup
itself (``followup.wsgi``, with its secret-key check) with the plain twins of
``followup.devtools.bench.twins`` mounted beside its pages, so both are served by the same
workers, middleware and connection settings."""

from django.conf import settings

from followup.wsgi import application

settings.ROOT_URLCONF = "followup.devtools.bench.twins"

__all__ = ["application"]
