"""Deal tests share the chat tests' temporary MEDIA_ROOT and their multipart API client."""

from followup.chat.tests.conftest import _media_root, api  # noqa: F401
