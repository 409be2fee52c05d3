"""The one place a secret key may be made: ``followup run`` on a newcomer's machine (§3.5)."""

from django.conf import settings

from followup.env import DEVELOPMENT_SECRET_KEY, secret_key_file_ensure


def secret_key_for_this_machine() -> None:
    """With no FOLLOWUP_SECRET_KEY and no key file yet, make a random key in the data folder
    (``settings.SECRET_KEY_FILE``) and use it from now on in this process too, so that what this
    process signs (the demo) and what its web server, worker and scheduler read agree. Only
    ``followup run`` and ``followup bench_http`` (which starts gunicorn too) call this: servers
    started otherwise refuse to run without a key rather than each invent its own, since every
    machine of a deployment must share one."""
    if settings.SECRET_KEY != DEVELOPMENT_SECRET_KEY:
        return
    settings.SECRET_KEY = secret_key_file_ensure(settings.SECRET_KEY_FILE)
