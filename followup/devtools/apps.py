from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Registers the demo, bench and run management commands; no models."""

    name = "followup.devtools"
    label = "devtools"
