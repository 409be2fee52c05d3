"""What a file is, by its bytes: allowed kinds pass, executables and mismatches are refused."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from followup.chat.files import DOCX, ODT, PDF, PNG, TEXT, clean_name, inspect_upload
from followup.chat.tests.conftest import MZ_BYTES, PDF_BYTES, PNG_BYTES
from followup.core.exceptions import FieldErrors


def _file(name, content):
    return SimpleUploadedFile(name, content)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_png_is_detected_by_its_bytes():
    assert inspect_upload(_file("shot.png", PNG_BYTES))["content_type"] == PNG


def test_pdf_gets_size_and_sha256():
    info = inspect_upload(_file("offer.pdf", PDF_BYTES))
    assert info["content_type"] == PDF and info["size"] == len(PDF_BYTES) and len(info["sha256"]) == 64


def test_plain_text_is_accepted():
    assert inspect_upload(_file("notes.txt", "Zażółć gęślą jaźń\n".encode()))["content_type"] == TEXT


def test_docx_is_recognised_inside_its_zip():
    content = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    assert inspect_upload(_file("contract.docx", content))["content_type"] == DOCX


def test_odt_is_recognised_by_its_mimetype_entry():
    content = _zip({"mimetype": ODT.encode(), "content.xml": b"<office:document-content/>"})
    assert inspect_upload(_file("letter.odt", content))["content_type"] == ODT


@pytest.mark.parametrize("name, content", [
    ("evil.pdf", MZ_BYTES),
    ("invoice.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 40),
    ("readme.txt", b"#!/bin/sh\nrm -rf /\n"),
    ("archive.zip", _zip({"a.txt": b"hello"})),
    ("page.txt", b"<!DOCTYPE html><script>alert(1)</script>"),
    ("photo.png", PDF_BYTES),
    ("run.exe", b"just text"),
])
def test_executables_and_mismatched_content_are_refused(name, content):
    with pytest.raises(FieldErrors) as err:
        inspect_upload(_file(name, content))
    assert "was refused" in err.value.errors["files"][0]


def test_file_over_the_limit_is_refused_with_the_limit_named(settings):
    settings.FOLLOWUP_MAX_UPLOAD_MB = 1
    with pytest.raises(FieldErrors) as err:
        inspect_upload(_file("big.txt", b"a" * (1024 * 1024 + 1)))
    assert "at most 1 MB" in err.value.errors["files"][0]


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", ".."])
def test_name_with_a_path_is_refused(name):
    with pytest.raises(FieldErrors) as err:
        clean_name(name)
    assert "contains a path" in err.value.errors["files"][0]


def test_odd_characters_in_a_name_are_replaced():
    assert clean_name('re"port <1>.pdf') == "re_port _1_.pdf"


def test_long_name_keeps_its_extension():
    name = clean_name("x" * 300 + ".pdf")
    assert len(name) == 150 and name.endswith(".pdf")
