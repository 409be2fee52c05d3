#!/usr/bin/env python
"""Same as the ``followup`` command, for those used to ``manage.py``."""

from followup.cli import main

if __name__ == "__main__":
    main()
