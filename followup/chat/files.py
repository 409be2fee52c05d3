"""Uploaded files: what a file really is (by its bytes, never its name) and a safe name for it.

Allowed: images (PNG, JPEG, GIF, WebP), PDF, plain text and CSV, and office documents
(DOCX, XLSX, PPTX, ODT/ODS/ODP). Refused: executables (Windows MZ, ELF, Mach-O, Java classes,
scripts with a shebang), markup that a browser would run (HTML, SVG), any name with a path in
it, and anything whose content is not one of the allowed types or contradicts its extension.
"""

import hashlib
import re
import unicodedata
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from followup.core.exceptions import FieldErrors

SNIFF_BYTES = 8192

PNG, JPEG, GIF, WEBP, PDF = "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"
TEXT, CSV = "text/plain", "text/csv"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"

# What each extension may contain; a known extension with other content is refused.
EXTENSIONS = {
    "png": {PNG}, "jpg": {JPEG}, "jpeg": {JPEG}, "gif": {GIF}, "webp": {WEBP}, "pdf": {PDF},
    "txt": {TEXT}, "text": {TEXT}, "log": {TEXT}, "md": {TEXT}, "csv": {CSV},
    "docx": {DOCX}, "xlsx": {XLSX}, "pptx": {PPTX}, "odt": {ODT}, "ods": {ODS}, "odp": {ODP},
}
REFUSED_EXTENSIONS = {
    "exe", "dll", "com", "scr", "msi", "bat", "cmd", "ps1", "vbs", "js", "jar", "sh", "bin", "app",
    "html", "htm", "xhtml", "svg", "php", "py", "pl", "rb", "apk", "elf", "so", "dylib", "hta", "lnk",
}
EXECUTABLE_MAGIC = (
    b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"\x00asm",
)
MARKUP = re.compile(rb"^\s*(?:\xef\xbb\xbf)?\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe)", re.I)
ODF_MIMETYPES = {ODT.encode(): ODT, ODS.encode(): ODS, ODP.encode(): ODP}
OOXML_PARTS = (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX))
NAME_MAX = 150


def max_upload_bytes() -> int:
    return settings.FOLLOWUP_MAX_UPLOAD_MB * 1024 * 1024


def clean_name(raw: str) -> str:
    """A file name safe to store and to send back in Content-Disposition. A name that carries a
    path (``../../etc/passwd``, ``C:\\x``) is refused rather than quietly shortened."""
    name = unicodedata.normalize("NFKC", raw or "").strip()
    if "/" in name or "\\" in name or name in (".", "..") or "\x00" in name:
        raise FieldErrors.single("files", _("The file name “%(name)s” contains a path; send the file under its own "
                                            "name only.") % {"name": name[:80]})
    name = "".join(c for c in name if c.isprintable())
    name = re.sub(r"[^\w.\- ()+,@]", "_", name).strip(" .")
    if not name:
        return "file"
    if len(name) > NAME_MAX:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: NAME_MAX - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else name[:NAME_MAX]
    return name


def _office_type(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                return ODF_MIMETYPES.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                for prefix, kind in OOXML_PARTS:
                    if any(n.startswith(prefix) for n in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut in two at the end of the sample
            return False
    return True


def detect_type(upload, name: str) -> str | None:
    """The allowed content type of the file's bytes, or ``None`` when it is not one we accept."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if head.startswith(EXECUTABLE_MAGIC):
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _office_type(upload)
    if head and _is_text(head) and not MARKUP.match(head):
        return CSV if name.lower().endswith(".csv") else TEXT
    return None


def inspect_upload(upload) -> dict:
    """Check one uploaded file; return its clean name, size, detected type and SHA-256, or raise
    ``FieldErrors`` on ``files`` with a message that names the file and the reason."""
    name = clean_name(getattr(upload, "name", "") or "")
    size = upload.size
    if size > max_upload_bytes():
        raise FieldErrors.single("files", _("“%(name)s” is %(size)s MB; files may be at most %(max)s MB.") % {
            "name": name, "size": f"{size / 1024 / 1024:.1f}", "max": settings.FOLLOWUP_MAX_UPLOAD_MB})
    if size == 0:
        raise FieldErrors.single("files", _("“%(name)s” is empty.") % {"name": name})
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    refused = _("“%(name)s” was refused: only images (PNG, JPEG, GIF, WebP), PDF, text, CSV and office "
                "documents may be attached, and the content must match the file's name.") % {"name": name}
    if ext in REFUSED_EXTENSIONS:
        raise FieldErrors.single("files", refused)
    content_type = detect_type(upload, name)
    if content_type is None or (ext in EXTENSIONS and content_type not in EXTENSIONS[ext]):
        raise FieldErrors.single("files", refused)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return {"name": name, "size": size, "content_type": content_type, "sha256": digest.hexdigest()}
