"""The translation catalogues, read and compiled with polib, so that neither a deployment nor a
developer's machine needs GNU gettext's ``msgfmt``.

The compiled ``.mo`` files are committed next to their ``.po`` (a checkout, ``pip install .``
and gunicorn then serve every language with no build step); ``followup compilemessages``
rewrites them, and the test suite fails when one is out of step with its ``.po``, when an
entry is untranslated or fuzzy, or when a placeholder differs between msgid and msgstr
(``followup/core/tests/test_catalogue.py``).
"""

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

# Python's %-format (named or positional, with flags and width), checked in entries xgettext
# marks python-format, and str.format's {name} / {0} / {} (not a brace around words).
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
_BRACES = re.compile(r"\{[A-Za-z_0-9.]*(?:![rsa])?(?::[^{}]*)?\}")


def catalogue_files() -> list[Path]:
    """Every ``.po`` under the project's LOCALE_PATHS (one per language, domain ``django``)."""
    return sorted(p for root in settings.LOCALE_PATHS for p in Path(root).glob("*/LC_MESSAGES/*.po"))


def mo_path(po: Path) -> Path:
    return po.with_suffix(".mo")


def compile_catalogue(po: Path) -> Path:
    """Write ``<po>.mo`` from the translated, non-fuzzy entries of ``po`` (what msgfmt does)."""
    target = mo_path(po)
    polib.pofile(str(po)).save_as_mofile(str(target))
    return target


def placeholders(text: str, *, percent: bool = True) -> Counter:
    """The format placeholders in a message, counted (``%%`` is a literal percent sign)."""
    found = [p for p in _PERCENT.findall(text) if p != "%%"] if percent else []
    return Counter(found + _BRACES.findall(text))


@dataclass(frozen=True)
class Problem:
    msgid: str
    reason: str

    def __str__(self):
        return f"{self.reason}: {self.msgid!r}"


def _plural_forms_agree(forms: list[Counter], wanted: Counter) -> bool:
    """Positional placeholders (``%s``) must all be in every form, or formatting fails; named
    ones may be left out of a form, as long as no form brings a name of its own."""
    if not all(p.startswith(("%(", "{")) for p in wanted):
        return all(form == wanted for form in forms)
    return all(form <= wanted for form in forms) and any(form == wanted for form in forms)


def problems(po_path: Path) -> list[Problem]:
    """What keeps a catalogue from being complete: untranslated and fuzzy entries, and a
    msgstr whose placeholders are not the msgid's. A plural form may leave out a name of
    msgid_plural's (named placeholders are filled from a dict, so Polish "Codziennie" for
    "Every %(n)s days" at n=1 is right) but never bring one of its own, and some form must
    carry them all."""
    po = polib.pofile(str(po_path))
    found = [Problem("", "the header is fuzzy")] if po.metadata_is_fuzzy else []
    for entry in po:
        if entry.obsolete:
            continue
        percent = "python-format" in entry.flags
        if "fuzzy" in entry.flags:
            found.append(Problem(entry.msgid, "fuzzy"))
            continue
        if entry.msgid_plural:
            wanted = placeholders(entry.msgid_plural, percent=percent)
            forms = entry.msgstr_plural
            if not forms or not all(forms.values()):
                found.append(Problem(entry.msgid, "untranslated"))
            elif not _plural_forms_agree([placeholders(text, percent=percent) for text in forms.values()], wanted):
                found.append(Problem(entry.msgid, "placeholders differ"))
        elif not entry.msgstr:
            found.append(Problem(entry.msgid, "untranslated"))
        elif placeholders(entry.msgstr, percent=percent) != placeholders(entry.msgid, percent=percent):
            found.append(Problem(entry.msgid, "placeholders differ"))
    return found


def messages_of(catalog) -> dict:
    """The messages a gettext catalogue (polib's POFile or MOFile) serves, comparable between a
    ``.po`` and a compiled ``.mo``: {(context, msgid, plural): translation(s)}."""
    out = {}
    for entry in catalog:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
            if not all(value):
                continue
        else:
            if not entry.msgstr:
                continue
            value = entry.msgstr
        out[(entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")] = value
    return out


def msgids_of(po_path: Path) -> set[tuple[str, str, str]]:
    """The (context, msgid, plural) of every live entry: what the code asks to translate."""
    return {(e.msgctxt or "", e.msgid, e.msgid_plural or "") for e in polib.pofile(str(po_path)) if not e.obsolete}
