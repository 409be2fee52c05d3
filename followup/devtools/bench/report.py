"""``followup bench``, part three: the report: a table, plain notes, the JSON file.

The table and the notes say where a target is missed and why (SQL or Python), and give My
pending's ratio to the plain Django page measured in the same run, which is the figure that
survives the machine's hour-to-hour changes in speed.
"""

import json
import os
from dataclasses import asdict

from django.db import connection
from django.utils import timezone

from followup.devtools.bench.generate import Generation, Sizes
from followup.devtools.bench.measure import BASELINE_NAME, MY_PENDING_NAME, Explained, Result
from followup.devtools.names import COMMON_WORD


def table(results: list[Result], generation: Generation | None) -> str:
    rows = [("name", "median ms", "p95 ms", "target ms", "ok?", "SQL ms", "queries")]
    if generation is not None:
        seconds = f"{generation.seconds * 1000:.0f}" if not generation.reused else "reused"
        ok = "yes" if generation.reused or generation.seconds < 120 else "NO"
        rows.append(("Data generation", seconds, "", "120000", ok, "", ""))
    for r in results:
        name = r.name + (" [selector: page not available]" if r.measured == "selector" and r.url else "")
        rows.append((name, f"{r.median_ms:.2f}", f"{r.p95_ms:.2f}", f"{r.target_ms:g}", "yes" if r.ok else "NO",
                     f"{r.sql_ms:.2f}", str(r.queries)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join([row[0].ljust(widths[0]), *cells]))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(*, sizes: Sizes, generation: Generation, results: list[Result], plans: list[Explained],
           conn: dict, invariants: dict[str, int]) -> dict:
    settings_dict = connection.settings_dict
    return {
        "date": timezone.now().isoformat(timespec="seconds"),
        "load_average": os.getloadavg(),
        "database": {"vendor": connection.vendor, "version": _server_version(), "name": str(settings_dict["NAME"])},
        "sizes": asdict(sizes),
        "generation": asdict(generation),
        "connection": conn,
        "invariant_violations": invariants,
        "results": [{**asdict(r), "ok": r.ok} for r in results],
        "my_pending_over_plain_django": baseline_ratio(results),
        "explain": [asdict(p) for p in plans],
    }


def _server_version() -> str:
    with connection.cursor() as cur:
        cur.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        return str(cur.fetchone()[0])


def write_json(path: str, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2, ensure_ascii=False)


def baseline_ratio(results: list[Result]) -> float | None:
    """Followup's My pending page over the plain Django page, both measured in this run."""
    by_name = {r.name: r for r in results}
    plain, ours = by_name.get(BASELINE_NAME), by_name.get(MY_PENDING_NAME)
    if not plain or not ours or not plain.median_ms:
        return None
    return round(ours.median_ms / plain.median_ms, 2)


def honest_notes(results: list[Result]) -> list[str]:
    """Say plainly where a target is missed and why, instead of hiding it."""
    notes = []
    ratio = baseline_ratio(results)
    if ratio is not None:
        verdict = "within" if ratio <= 2 else "OUTSIDE"
        notes.append(f"My pending is {ratio}x the plain Django page measured in the same run ({verdict} the 2x bar).")
    for r in results:
        if r.ok or not r.runs or r.name == BASELINE_NAME:
            continue
        where = (f"{r.sql_ms:.1f} of its {r.median_ms:.1f} ms (median) are SQL, the rest is Python "
                 "(view, template, serialization)")
        if r.sql_ms < r.target_ms / 2:
            notes.append(f"Note: '{r.name}' misses its target ({r.p95_ms} ms p95 > {r.target_ms:g} ms): {where}.")
        elif "Search" in r.name and connection.vendor == "sqlite":
            notes.append(f"Note: '{r.name}' misses its target on SQLite: LIKE '%word%' reads every row "
                         f"(no trigram index there; {where}); use PostgreSQL for large organizations.")
        elif COMMON_WORD in r.name and r.sql_ms > r.target_ms / 2:
            notes.append(f"Note: '{r.name}' misses its target: a short word found in a quarter of all titles "
                         f"matches hundreds of thousands of rows ({where}).")
        else:
            notes.append(f"Note: '{r.name}' misses its target ({r.p95_ms} ms p95 > {r.target_ms:g} ms): {where}.")
    return notes
