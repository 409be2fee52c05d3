"""``followup bench`` and ``followup bench_reminders``: measured, on a large organization.

``generate`` makes the data set (set-based SQL), ``invariants`` checks it, ``measure`` times
each page many times on one connection, ``report`` prints the table and writes the JSON;
``baseline`` is the plain Django page the ratio is taken against; ``reminders`` is the
reminders delivery benchmark.
"""
