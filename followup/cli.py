"""The ``followup`` console command: Django's management commands under one name.

``followup run`` starts everything for a newcomer, ``followup demo`` loads demo data,
``followup bench`` measures; every other Django command (``migrate``, ``createsuperuser``)
works too.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
