"""Keep the names of uploaded files that carried a path, so that the chat can refuse them.

Django strips directories from an upload's name while it parses the request (``../../etc/passwd``
arrives as ``passwd``), before any view runs, and the CSRF middleware parses every POST. This
middleware, placed before ``CsrfViewMiddleware``, has the parser note each name it had to cut;
``refused_upload_names(request)`` gives them to the chat view and API, which refuse the message
with a message that names the file, instead of storing it under a name the sender did not mean.
"""

import html

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


def refused_upload_names(request) -> list[str]:
    return getattr(request, "_refused_upload_names", [])


class UploadNamesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            noted: list[str] = []
            request._refused_upload_names = noted

            def parse_file_upload(META, post_data):  # noqa: N803 - Django's own argument name
                request.upload_handlers = ImmutableList(request.upload_handlers, warning="upload already processed")
                return _NoteStrippedNames(META, post_data, request.upload_handlers, request.encoding,
                                          noted=noted).parse()

            request.parse_file_upload = parse_file_upload
        return self.get_response(request)
