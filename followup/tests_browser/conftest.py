"""Browser tests use the ``browser`` and ``page`` fixtures of the project's conftest.py."""
