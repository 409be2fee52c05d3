"""Issue 16 §1, §2: static files are named by their content hash, and each name is worked out
once per process (``core.staticstorage``)."""

import re

from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import override_settings


def test_a_file_is_named_by_its_hash_and_the_name_is_remembered():
    url = staticfiles_storage.url("followup/app.css")
    assert re.fullmatch(r"/static/followup/app\.[0-9a-f]{12}\.css", url)
    assert staticfiles_storage._urls[("followup/app.css", False, False)] == url
    assert staticfiles_storage.url("followup/app.css") == url


def test_with_debug_on_the_plain_name_is_given_apart():
    hashed = staticfiles_storage.url("followup/app.css")
    with override_settings(DEBUG=True):
        assert staticfiles_storage.url("followup/app.css") == "/static/followup/app.css"
    assert staticfiles_storage.url("followup/app.css") == hashed
