"""``followup bench``, part three: the report: a table, plain notes, the JSON file.

The table gives each page's figures beside its plain twin's (issue 16 §6) and how many of the
interleaved rounds kept both the median and the p95 within the ratio bar; the notes say where a
bar or a target is missed and why (SQL or Python).
"""

import json
import os
from dataclasses import asdict

from django.db import connection
from django.utils import timezone

from followup.devtools.bench.explain import Explained
from followup.devtools.bench.generate import Generation, Sizes
from followup.devtools.bench.measure import RATIO_BAR, Result
from followup.devtools.names import COMMON_WORD


def holds(rounds: list[list[Result]], index: int) -> tuple[int, int] | None:
    """(rounds within the ratio bar, rounds measured beside a twin) for the case at ``index``."""
    verdicts = [r[index].within_bar for r in rounds if r[index].within_bar is not None]
    return (sum(verdicts), len(verdicts)) if verdicts else None


def _ratio_cell(result: Result) -> str:
    ratios = result.ratios
    return f"{ratios[0]:.2f}/{ratios[1]:.2f}" if ratios else ""


def table(rounds: list[list[Result]], generation: Generation | None) -> str:
    """The last round's figures; the ratio of every round; how many rounds hold the bar."""
    head = ("name", "median ms", "p95 ms", "target ms", "ok?", "SQL ms", "queries", "KB",
            "twin med", "twin p95", "twin KB", *(f"x round {n + 1}" for n in range(len(rounds))), "holds")
    rows = [head]
    if generation is not None:
        seconds = f"{generation.seconds * 1000:.0f}" if not generation.reused else "reused"
        ok = "yes" if generation.reused or generation.seconds < 120 else "NO"
        rows.append(("Data generation", seconds, "", "120000", ok, *[""] * (len(head) - 5)))
    for index, r in enumerate(rounds[-1]):
        name = r.name + (" [selector: page not available]" if r.measured == "selector" and r.url else "")
        held = holds(rounds, index)
        twin = (f"{r.twin_median_ms:.2f}", f"{r.twin_p95_ms:.2f}", f"{r.twin_bytes / 1024:.1f}") if r.twin_url else (
            "", "", "")
        rows.append((name, f"{r.median_ms:.2f}", f"{r.p95_ms:.2f}", f"{r.target_ms:g}", "yes" if r.ok else "NO",
                     f"{r.sql_ms:.2f}", str(r.queries), f"{r.bytes / 1024:.1f}" if r.bytes else "", *twin,
                     *(_ratio_cell(each[index]) for each in rounds),
                     "" if held is None else f"{held[0]}/{held[1]}" + (" yes" if held[0] * 2 > held[1] else " NO")))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = []
    for n, row in enumerate(rows):
        cells = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join([row[0].ljust(widths[0]), *cells]))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(*, sizes: Sizes, generation: Generation, rounds: list[list[Result]], plans: list[Explained],
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
        "ratio_bar": RATIO_BAR,
        "rounds": [[{**asdict(r), "ok": r.ok, "ratios": r.ratios, "within_bar": r.within_bar} for r in results]
                   for results in rounds],
        "holds": {r.name: holds(rounds, i) for i, r in enumerate(rounds[-1])},
        "explain": [asdict(p) for p in plans],
    }


def _server_version() -> str:
    with connection.cursor() as cur:
        cur.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        return str(cur.fetchone()[0])


def write_json(path: str, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2, ensure_ascii=False)


def honest_notes(rounds: list[list[Result]]) -> list[str]:
    """Say plainly where a bar or a target is missed and why, instead of hiding it."""
    notes = []
    for index, r in enumerate(rounds[-1]):
        held = holds(rounds, index)
        if held is not None and held[0] * 2 <= held[1]:
            notes.append(f"'{r.name}' is over {RATIO_BAR}x its plain twin in {held[1] - held[0]} of {held[1]} rounds "
                         f"(last: {_ratio_cell(r)}, median/p95).")
    for r in rounds[-1]:
        if r.ok or not r.runs:
            continue
        where = (f"{r.sql_ms:.1f} of its {r.median_ms:.1f} ms (median) are SQL, the rest is Python "
                 "(view, template, serialization)")
        if COMMON_WORD in r.name and r.sql_ms > r.target_ms / 2:
            notes.append(f"Note: '{r.name}' misses its target: a short word found in a quarter of all titles "
                         f"matches hundreds of thousands of rows ({where}).")
        else:
            notes.append(f"Note: '{r.name}' misses its target ({r.p95_ms} ms p95 > {r.target_ms:g} ms): {where}.")
    return notes
