"""The API client fixture of the API tests."""

from followup.api.tests.conftest import api  # noqa: F401
