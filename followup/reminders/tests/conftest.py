"""The API client fixture of the API tests, for the reminder and notification endpoints."""

from followup.api.tests.conftest import api  # noqa: F401
