"""``followup bench`` and ``followup bench_reminders``: measured, on a large organization.

``generate`` makes the data set (set-based SQL), ``invariants`` checks it, ``cases`` names the
measured pages, ``twins`` holds each page's plain Django twin, ``measure`` times each page and
its twin in turn on one connection over several rounds, ``explain`` prints the query plans,
``report`` prints the table and writes the JSON; ``reminders`` is the reminders delivery
benchmark.
"""
