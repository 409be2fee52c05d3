"""``followup compilemessages``: Django's command of the same name, without GNU gettext.

Django's own ``compilemessages`` runs ``msgfmt``, which a server or a laptop may not have; this
one (it takes precedence, being an installed app's) compiles with polib, the same way on every
machine. The ``.mo`` files it writes are committed (see :mod:`followup.core.catalogue`).
"""

from django.core.management.base import BaseCommand, CommandError

from followup.core import catalogue


class Command(BaseCommand):
    help = (
        "Compile the translation catalogues (followup/locale/<lang>/LC_MESSAGES/django.po) into "
        "the .mo files Django reads, with polib: no msgfmt needed. Run it after translating, and "
        "commit the .mo with the .po (the test suite fails when they are out of step)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale", "-l", action="append", default=[], metavar="LANG",
            help="Compile only this language (e.g. pl); may be repeated. Default: every language.",
        )

    def handle(self, *args, locale, **options):
        files = catalogue.catalogue_files()
        if locale:
            files = [p for p in files if p.parent.parent.name in locale]
        if not files:
            raise CommandError("No catalogue found" + (f" for {', '.join(locale)}." if locale else "."))
        for po in files:
            target = catalogue.compile_catalogue(po)
            self.stdout.write(f"compiled {po} -> {target.name}")
