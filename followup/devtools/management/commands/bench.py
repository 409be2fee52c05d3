"""``followup bench``: generate a million tasks and measure the pages that must stay fast."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from followup.devtools.bench import generate, measure, report
from followup.devtools.bench.invariants import invariant_violations


def _positive(raw: str) -> int:
    value = int(raw.replace("_", "").replace(",", ""))
    if value < 1:
        raise ValueError(raw)
    return value


class Command(BaseCommand):
    # The pages it measures are checked by measuring them: one that fails to load is reported
    # in the table and its selector measured instead, rather than stopping the whole run.
    requires_system_checks = []
    help = (
        "Generate a large organization ('Bench Company': by default 1,000,000 tasks, 100,000 customers, "
        "200 users, 20 departments) in the database DATABASE_URL points at, then measure median and p95 "
        "server time of My pending, All pending overdue, search, header count, task detail and the API, "
        "each many times on one connection, print EXPLAIN of the list queries, and a table against the "
        "targets. Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/followup_bench followup bench "
        "(the database is created and migrated when missing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=_positive, default=1_000_000, help="Tasks to generate (1,000,000).")
        parser.add_argument("--customers", type=_positive, default=100_000, help="Customers (100,000).")
        parser.add_argument("--users", type=_positive, default=200, help="Users (200).")
        parser.add_argument("--departments", type=_positive, default=20, help="Departments (20).")
        parser.add_argument("--runs", type=_positive, default=50, help="Measured runs of each page (50).")
        parser.add_argument("--rounds", type=_positive, default=3,
                            help="Interleaved rounds over every page and its twin (3); a ratio counts when it "
                                 "holds in most of them.")
        parser.add_argument("--json", metavar="FILE", help="Also write the figures and plans as JSON to FILE.")
        parser.add_argument("--reuse", action="store_true",
                            help="Skip generation when the bench organization already has this many rows.")
        parser.add_argument("--no-explain", action="store_true", help="Do not print the query plans.")

    def handle(self, *args, **opts):
        sizes = generate.Sizes(tasks=opts["tasks"], customers=opts["customers"], users=opts["users"],
                            departments=opts["departments"])
        if sizes.users < 3:
            raise CommandError("--users must be at least 3 (a manager, an administrator and a member).")
        generate.ensure_database(log=self.stdout.write)
        call_command("migrate", verbosity=0, interactive=False)
        # The pages name static files by their hashed names (issue 16 §2): without the manifest
        # every HTML page fails and only its selector would be measured.
        call_command("collectstatic", interactive=False, verbosity=0)
        out = self.stdout.write
        out(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")

        org = generate.bench_organization()
        generation = generate.Generation()
        if org is not None and opts["reuse"] and generate.bench_sizes_present(org) == sizes:
            generation.reused = True
            out(f"Reusing the bench organization ({sizes.tasks:,} tasks, {sizes.customers:,} customers).")
        else:
            if org is not None:
                generate.bench_delete(org, log=out)
            out(f"Generating {sizes.tasks:,} tasks, {sizes.customers:,} customers, {sizes.users} users, "
                f"{sizes.departments} departments:")
            generation = generate.generate(sizes, log=out)
            out(f"  total {generation.seconds:.1f} s")
            org = generate.bench_organization()

        invariants = invariant_violations(org.pk)
        broken = {k: v for k, v in invariants.items() if v}
        out("Invariants: " + ("all hold." if not broken else f"BROKEN {broken}"))

        out(f"Measuring ({opts['rounds']} rounds of {opts['runs']} runs of each page and its plain twin, "
            "in process, one connection):")
        rounds, plans, conn = measure.run_measurements(org, sizes, opts["runs"], opts["rounds"], log=out)
        if not opts["no_explain"]:
            out("\nQuery plans of the list queries:")
            for plan in plans:
                flag = ""
                if plan.seq_scan:
                    flag = "  <-- full scan of a task table" + (f": {plan.note}" if plan.note else "")
                out(f"\n[{plan.name}]{flag}\n{plan.sql}\n{plan.plan}")
        out("")
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        out(f"Machine load average (1, 5, 15 min) at the end: {load}")
        out(report.table(rounds, generation))
        seq = sorted({p.name for p in plans if p.seq_scan and not p.note})
        probes = sorted({p.name for p in plans if p.seq_scan and p.note})
        out("\nIndex use: " + ("every list query uses an index." if not seq else
                               "full scans of a task table in: " + "; ".join(seq)))
        if probes:
            out("Early-stopping scans (an unordered LIMIT probe, not a full read) in: " + "; ".join(probes))
        for note in report.honest_notes(rounds):
            out(note)
        if not conn["same"]:
            out(f"Warning: the connection changed while measuring ({conn['before']} -> {conn['after']}).")
        if opts["json"]:
            report.write_json(opts["json"], report.report(
                sizes=sizes, generation=generation, rounds=rounds, plans=plans, conn=conn, invariants=invariants))
            out(f"Wrote {opts['json']}")
