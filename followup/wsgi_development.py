"""The application Django's development server (runserver) serves, named by WSGI_APPLICATION.

The same application as :mod:`followup.wsgi` without its refusal of the development key:
runserver on a laptop may sign sessions with the public key; nothing else may.
"""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
