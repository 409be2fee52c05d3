"""System checks of Followup's own settings.

``followup check --deploy`` fails (followup.E001) on the public development secret key, so a
deployment script that runs it before serving stops there, as gunicorn would (§3.5).
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

from followup.env import DEVELOPMENT_SECRET_KEY


@register(Tags.security, deploy=True)
def secret_key_is_not_the_development_one(app_configs, **kwargs):
    if settings.SECRET_KEY != DEVELOPMENT_SECRET_KEY:
        return []
    return [Error(
        "The secret key is the public development key.",
        hint=(
            "Set FOLLOWUP_SECRET_KEY to a long random string, the same on every machine of the "
            f"deployment, or start once with `followup run`, which keeps one in {settings.SECRET_KEY_FILE}."
        ),
        id="followup.E001",
    )]
