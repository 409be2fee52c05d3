"""§4: the Polish catalogue is complete, its placeholders are the code's, every string of the
code is in it, and the committed .mo serves exactly what the .po says."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from followup.core import catalogue

PL = Path(settings.BASE_DIR) / "locale" / "pl" / "LC_MESSAGES" / "django.po"


def test_the_polish_catalogue_is_the_one_checked():
    assert PL in catalogue.catalogue_files()


def test_every_polish_entry_is_translated_not_fuzzy_with_the_msgids_placeholders():
    found = catalogue.problems(PL)
    assert not found, "fix these entries of django.po:\n" + "\n".join(map(str, found))


def test_polish_has_its_three_plural_forms():
    plural = polib.pofile(str(PL)).metadata["Plural-Forms"].replace(" ", "")
    assert plural.startswith("nplurals=3;")


def test_polish_plural_forms_follow_the_number():
    with translation.override("pl"):
        words = [translation.ngettext("%(n)s task deleted.", "%(n)s tasks deleted.", n) % {"n": n}
                 for n in (1, 3, 5, 12, 22, 112)]
    assert words == ["Usunięto 1 zadanie.", "Usunięto 3 zadania.", "Usunięto 5 zadań.",
                     "Usunięto 12 zadań.", "Usunięto 22 zadania.", "Usunięto 112 zadań."]


def test_committed_mo_is_in_step_with_its_po():
    for po in catalogue.catalogue_files():
        mo = catalogue.mo_path(po)
        assert mo.exists(), f"{mo} is missing: run followup compilemessages and commit it"
        compiled, source = polib.mofile(str(mo)), polib.pofile(str(po))
        assert catalogue.messages_of(compiled) == catalogue.messages_of(source), (
            f"{mo.name} is out of step with {po}: run followup compilemessages and commit it")
        assert compiled.metadata.get("Plural-Forms") == source.metadata.get("Plural-Forms")


def test_compilemessages_writes_a_catalogue_django_serves(tmp_path):
    po = tmp_path / "pl" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    shutil.copy(PL, po)
    mo = catalogue.compile_catalogue(po)
    served = polib.mofile(str(mo))
    assert served.find("Tasks").msgstr == "Zadania"


@pytest.mark.parametrize("msgid, msgstr", [
    ("Task “%(title)s” created.", "Utworzono zadanie „%(tytul)s”."),
    ("%(n)s of %(t)s", "%(n)s z"),
    ("{count} new", "{liczba} nowe"),
])
def test_a_changed_placeholder_is_a_problem(tmp_path, msgid, msgstr):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["python-format"] if "%" in msgid else []))
    path = tmp_path / "django.po"
    po.save(str(path))
    assert [p.reason for p in catalogue.problems(path)] == ["placeholders differ"]


@pytest.mark.parametrize("msgid, plural, forms, ok", [
    ("Every day", "Every %(n)s days", ["Codziennie", "Co %(n)s dni", "Co %(n)s dni"], True),
    ("Every day", "Every %(n)s days", ["Codziennie", "Co %(m)s dni", "Co %(n)s dni"], False),
    ("Every day", "Every %(n)s days", ["Codziennie", "Co kilka dni", "Co wiele dni"], False),
    ("%s day", "%s days", ["dzień", "%s dni", "%s dni"], False),
])
def test_a_plural_form_may_leave_out_a_named_placeholder_only(tmp_path, msgid, plural, forms, ok):
    """Named placeholders come from a dict, so Polish n=1 may say "Codziennie"; a positional
    one left out would make the formatting fail."""
    po = polib.POFile()
    po.append(polib.POEntry(msgid=msgid, msgid_plural=plural, flags=["python-format"],
                            msgstr_plural=dict(enumerate(forms))))
    path = tmp_path / "django.po"
    po.save(str(path))
    assert [p.reason for p in catalogue.problems(path)] == ([] if ok else ["placeholders differ"])


def test_braces_around_words_and_a_percent_in_plain_text_are_no_placeholders(tmp_path):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Close every { with a }.", msgstr="Zamknij każdy nawias { nawiasem }."))
    po.append(polib.POEntry(msgid="They ask for 10% off.", msgstr="Proszą o 10% rabatu."))
    path = tmp_path / "django.po"
    po.save(str(path))
    assert catalogue.problems(path) == []


def test_an_untranslated_or_fuzzy_entry_is_a_problem(tmp_path):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Tasks", msgstr=""))
    po.append(polib.POEntry(msgid="Customers", msgstr="Klienci", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="%(n)s task", msgid_plural="%(n)s tasks",
                            msgstr_plural={0: "%(n)s zadanie", 1: "%(n)s zadania", 2: ""}))
    path = tmp_path / "django.po"
    po.save(str(path))
    assert [p.reason for p in catalogue.problems(path)] == ["untranslated", "fuzzy", "untranslated"]


def _xgettext_or_skip():
    if shutil.which("xgettext") and shutil.which("msgmerge"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("xgettext is missing: install Debian's gettext package (scripts/test does when root)")
    pytest.skip("xgettext is missing: install gettext (apt-get install gettext) to check the catalogue covers the code")


def _extracted_msgids(tmp_path, *, extra_module: str = "") -> set:
    """makemessages, run on a copy of the code (so the tree is left alone), with an optional
    module added to the copy; the msgids it finds."""
    _xgettext_or_skip()
    package = Path(settings.BASE_DIR)
    copy = tmp_path / package.name
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo", "media"))
    if extra_module:
        (copy / "core" / "extra_strings.py").write_text(extra_module, encoding="utf-8")
    env = {**os.environ, "FOLLOWUP_DATA_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "followup.settings",
           "PYTHONPATH": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "pl", "--no-location", "--no-obsolete",
                    "--ignore=var"], cwd=tmp_path, env=env, check=True, capture_output=True, timeout=300)
    return catalogue.msgids_of(copy / "locale" / "pl" / "LC_MESSAGES" / "django.po")


def test_every_string_of_the_code_is_in_the_catalogue(tmp_path):
    """The catalogue has exactly the code's msgids: none new (a string nobody translated) and
    none gone (a stale entry)."""
    extracted, committed = _extracted_msgids(tmp_path), catalogue.msgids_of(PL)
    missing, stale = sorted(extracted - committed), sorted(committed - extracted)
    assert not missing and not stale, (
        "run: followup makemessages -l pl --no-location --ignore=.venv --ignore=var, translate, "
        f"followup compilemessages\nnot in the catalogue: {missing}\nno longer in the code: {stale}")


def test_a_new_string_in_the_code_is_seen_by_the_check(tmp_path):
    module = 'from django.utils.translation import gettext as _\nWORDS = _("A string nobody translated")\n'
    extracted = _extracted_msgids(tmp_path, extra_module=module)
    assert ("", "A string nobody translated", "") in extracted - catalogue.msgids_of(PL)
