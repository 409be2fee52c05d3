"""Keep the names of uploaded files that carried a path or were too large, so that the chat can
refuse them by name.

Django strips directories from an upload's name while it parses the request (``../../etc/passwd``
arrives as ``passwd``), before any view runs, and the CSRF middleware parses every POST. This
middleware, placed before ``CsrfViewMiddleware``, has the parser note each name it had to cut;
``refused_upload_names(request)`` gives them to the chat view and API, which refuse the message
with a message that names the file, instead of storing it under a name the sender did not mean.
A file over FOLLOWUP_MAX_UPLOAD_MB is not read further than the limit.
"""

import html

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList


class _NoteStrippedNames(MultiPartParser):
    def __init__(self, *args, noted: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self._noted = noted

    def sanitize_file_name(self, file_name):
        cleaned = super().sanitize_file_name(file_name)
        printable = "".join(c for c in html.unescape(file_name) if c.isprintable())
        if file_name.strip() and (cleaned is None or cleaned != printable):
            self._noted.append(file_name)
        return cleaned


class _SkipOversizedFiles(FileUploadHandler):
    """Stop reading a file as soon as it passes FOLLOWUP_MAX_UPLOAD_MB (nothing more of it reaches
    the disk) and note its name, so that the chat can say which file was too large."""

    def __init__(self, request, noted: list[str]):
        super().__init__(request)
        self._noted = noted
        self._limit = settings.FOLLOWUP_MAX_UPLOAD_MB * 1024 * 1024

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self._limit:
            self._noted.append(self.file_name or "")
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


def refused_upload_names(request) -> list[str]:
    return getattr(request, "_refused_upload_names", [])


def oversized_upload_names(request) -> list[str]:
    return getattr(request, "_oversized_upload_names", [])


class UploadNamesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            noted: list[str] = []
            request._refused_upload_names = noted
            request._oversized_upload_names = []
            request.upload_handlers.insert(0, _SkipOversizedFiles(request, request._oversized_upload_names))

            def parse_file_upload(META, post_data):  # noqa: N803 - Django's own argument name
                request.upload_handlers = ImmutableList(request.upload_handlers, warning="upload already processed")
                return _NoteStrippedNames(META, post_data, request.upload_handlers, request.encoding,
                                          noted=noted).parse()

            request.parse_file_upload = parse_file_upload
        return self.get_response(request)
