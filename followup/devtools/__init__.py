"""The top layer: tools for trying and measuring Followup, built on every app.

The demo (``followup demo``), the benchmarks (``followup bench``, ``followup bench_reminders``)
and ``followup run`` (which loads the demo on first start) import the apps; no app imports
this package, and ``followup.core`` stays the ground that imports no app.
"""
