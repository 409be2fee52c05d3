"""Chat tests keep uploaded files in a temporary MEDIA_ROOT, and share a few files to upload and
an API client that posts multipart forms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from followup.accounts.services import api_token_create

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MZ_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api(client):
    """The test client with a bearer token of ``user``: multipart posts go through it as they are."""
    def _as(user):
        _token, raw = api_token_create(user=user, name="test")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
        return client
    return _as


@pytest.fixture
def upload():
    def _upload(name="report.pdf", content=PDF_BYTES, content_type="application/octet-stream"):
        return SimpleUploadedFile(name, content, content_type=content_type)
    return _upload
