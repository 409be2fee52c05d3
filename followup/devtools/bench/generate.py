"""``followup bench``, part one: generate a large organization fast (and remove it again).

Generation is set-based SQL (``generate_series`` on PostgreSQL, a recursive CTE on SQLite),
with explicit ids computed from one base so that tasks, their customers, owners and
assignments can be derived from the row number without any per-row round trip. The rows it
writes keep every invariant the task services keep (checked by ``bench.invariants``):
``Task.is_pending`` follows the status category, ``assignee_count`` equals the number of
assignments, each ``TaskAssignment`` copies its task's organization, pending flag and due
date, and ``version`` starts at 1. Names come from ``devtools.names``, as the demo's do.
"""

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from followup.accounts.models import Department, Organization, Role, User
from followup.accounts.services import organization_create
from followup.devtools.bench import activity
from followup.devtools.bench.sqlparts import (
    date_plus,
    next_id,
    now_sql,
    reset_sequence,
    series,
    sql_pick,
    time_minus_days,
)
from followup.devtools.names import (
    COMPANY_SUFFIXES,
    DEPARTMENTS,
    FIRST_NAMES,
    SURNAME_ENDINGS,
    SURNAME_STEMS,
    TITLE_VERBS,
)
from followup.tasks.models import StatusCategory, Task, TaskStatus, TaskType

BENCH_SLUG = "bench"
BENCH_NAME = "Bench Company"
BENCH_PASSWORD = "bench-password"  # noqa: S105 - the generated users' password, printed in the report


def ensure_database(log: Callable[[str], None] = print) -> None:
    """Create the PostgreSQL database DATABASE_URL names when it does not exist yet."""
    if connection.vendor != "postgresql":
        return
    try:
        connection.ensure_connection()
        return
    except Exception as exc:  # noqa: BLE001 - inspected below
        if "does not exist" not in str(exc):
            raise
    import psycopg
    from psycopg import sql

    params = connection.get_connection_params()
    name = params.pop("dbname")
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log(f"Created database {name}.")


@dataclass
class Sizes:
    tasks: int = 1_000_000
    customers: int = 100_000
    users: int = 200
    departments: int = 20


@dataclass
class Generation:
    reused: bool = False
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)


def _contiguous(ids: list[int]) -> int:
    if ids != list(range(ids[0], ids[0] + len(ids))):
        raise RuntimeError("generated rows did not get consecutive ids; is something else writing?")
    return ids[0]


def surname_sql(ci: str) -> str:
    """The surname of customer number ``ci`` (about one customer in a thousand has each surname)."""
    return (f"{sql_pick(f'({ci} / 40) % {len(SURNAME_STEMS)}', SURNAME_STEMS)} || "
            f"{sql_pick(f'({ci} / 1600) % {len(SURNAME_ENDINGS)}', SURNAME_ENDINGS)}")


def rare_word(sizes: Sizes) -> str:
    """A surname that a handful of customers (and their tasks) have: the "selective" search."""
    ci = min(sizes.customers - 1, 12_345)
    return SURNAME_STEMS[(ci // 40) % len(SURNAME_STEMS)] + SURNAME_ENDINGS[(ci // 1600) % len(SURNAME_ENDINGS)]


def bench_organization() -> Organization | None:
    return Organization.objects.filter(slug=BENCH_SLUG).first()


def bench_sizes_present(org: Organization) -> Sizes:
    return Sizes(
        tasks=Task.objects.filter(organization=org).count(),
        customers=org.customers.count(),
        users=User.objects.filter(organization=org).count(),
        departments=Department.objects.filter(organization=org).count(),
    )


def bench_delete(org: Organization, log: Callable[[str], None] = print) -> None:
    """Remove a previous bench organization: the big tables in plain SQL, the rest by the ORM."""
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        task_ids = f"SELECT id FROM tasks_task WHERE organization_id = {org.pk}"  # noqa: S608
        cur.execute(f"DELETE FROM tasks_taskassignment WHERE organization_id = {org.pk}")  # noqa: S608
        cur.execute(f"DELETE FROM tasks_note WHERE task_id IN ({task_ids})")  # noqa: S608
        cur.execute(f"DELETE FROM tasks_historyentry WHERE task_id IN ({task_ids})")  # noqa: S608
        cur.execute(f"UPDATE tasks_task SET parent_id = NULL WHERE organization_id = {org.pk}")  # noqa: S608
        cur.execute(f"DELETE FROM tasks_task WHERE organization_id = {org.pk}")  # noqa: S608
        activity.delete_activity(cur, org.pk)
        cur.execute(f"UPDATE customers_customer SET company_id = NULL WHERE organization_id = {org.pk}")  # noqa: S608
        cur.execute(f"DELETE FROM customers_customer WHERE organization_id = {org.pk}")  # noqa: S608
        Organization.objects.filter(pk=org.pk).delete()
    log(f"  removed the previous bench organization in {time.perf_counter() - started:.1f} s")


def generate(sizes: Sizes, log: Callable[[str], None] = print) -> Generation:
    """Create the bench organization with ``sizes`` rows, set-based, then ANALYZE."""
    result = Generation()
    today = timezone.localdate()
    now = timezone.now()
    started = time.perf_counter()

    def step(name: str, since: float) -> float:
        result.steps[name] = round(time.perf_counter() - since, 2)
        log(f"  {name:<28} {result.steps[name]:7.2f} s")
        return time.perf_counter()

    t = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SET LOCAL synchronous_commit TO off")
                cur.execute("SET LOCAL work_mem TO '64MB'")
                cur.execute("SET LOCAL maintenance_work_mem TO '256MB'")
                cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                if cur.fetchone()[0]:
                    # Every row below points at rows made in this transaction by construction (and
                    # invariant_violations checks the result): skipping the per-row foreign key
                    # triggers halves the generation time. Needs a superuser; others check keys.
                    cur.execute("SET LOCAL session_replication_role TO replica")
                else:
                    cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        org = organization_create(name=BENCH_NAME, slug=BENCH_SLUG)
        statuses = {s.category: s.pk for s in TaskStatus.objects.filter(organization=org)}
        types = [ty.pk for ty in TaskType.objects.filter(organization=org).order_by("position", "id")]
        departments = Department.objects.bulk_create([
            Department(organization=org, name=f"{DEPARTMENTS[i % len(DEPARTMENTS)]} {i // len(DEPARTMENTS) + 1}")
            for i in range(sizes.departments)
        ])
        password = make_password(BENCH_PASSWORD)
        users = User.objects.bulk_create([_bench_user(org, i, departments, password) for i in range(sizes.users)])
        ubase = _contiguous([u.pk for u in users])
        for i, department in enumerate(departments):
            department.head = users[i] if i < len(users) else None
        Department.objects.bulk_update(departments, ["head"])
        t = step("organization, users", t)

        cbase = next_id("customers_customer")
        _insert_customers(org.pk, cbase, ubase, sizes, today, now)
        reset_sequence("customers_customer")
        t = step(f"{sizes.customers:,} customers", t)

        tbase = next_id("tasks_task")
        _insert_tasks(org.pk, tbase, cbase, ubase, sizes, statuses, types, today, now)
        reset_sequence("tasks_task")
        t = step(f"{sizes.tasks:,} tasks", t)

        _insert_assignments(org.pk, tbase, ubase, sizes)
        t = step("assignments", t)

        deals = activity.insert_activity(org.pk, cbase, tbase, sizes.customers, now)
        t = step(f"{deals:,} deals, chat messages", t)
    t = step("commit", t)
    analyze()
    step("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE", t)
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def _bench_user(org: Organization, i: int, departments: list[Department], password: str) -> User:
    if i == 0:
        role, username = Role.MANAGER, "bench-manager"
    elif i == 1:
        role, username = Role.ADMIN, "bench-admin"
    elif i % 50 == 2:
        role, username = Role.OPERATOR, f"bench-operator-{i}"
    else:
        role, username = Role.MEMBER, f"bench-user-{i}"
    zones = ["Europe/Warsaw", "Europe/London", "America/New_York", "Europe/Berlin", "UTC"]
    return User(
        organization=org, username=username, password=password, email=f"{username}@bench.example.com",
        first_name=FIRST_NAMES[i % len(FIRST_NAMES)], last_name=f"Bench{i}", role=role,
        department=departments[i % len(departments)] if departments else None,
        time_zone=zones[i % len(zones)], is_staff=role == Role.ADMIN,
    )


def _insert_customers(org_id, cbase, ubase, sizes: Sizes, today, now) -> None:
    ci = "i"
    surname = surname_sql(ci)
    first = sql_pick(f"{ci} % {len(FIRST_NAMES)}", FIRST_NAMES)
    suffix = sql_pick(f"({ci} / 5) % {len(COMPANY_SUFFIXES)}", COMPANY_SUFFIXES)
    sql = f"""
        {series(sizes.customers)}
        INSERT INTO customers_customer (
            id, organization_id, kind, name, email, phone, owner_id, stage, company_id,
            birthday, contract_end_date, notes, created_at, updated_at)
        SELECT {cbase} + i, {org_id},
            CASE WHEN i % 5 = 0 THEN 'company' ELSE 'person' END,
            CASE WHEN i % 5 = 0 THEN {surname} || ' ' || {suffix} ELSE {first} || ' ' || {surname} END,
            lower(CASE WHEN i % 5 = 0 THEN 'office' ELSE {first} END) || '.' || lower({surname}) || i
                || '@example.com',
            '+44 7' || (100000000 + i),
            {ubase} + (i % {sizes.users}),
            CASE i % 4 WHEN 0 THEN 'lead' WHEN 1 THEN 'prospect' WHEN 2 THEN 'customer' ELSE 'churned' END,
            CASE WHEN i % 5 IN (1, 2) THEN {cbase} + i - (i % 5) ELSE NULL END,
            CASE WHEN i % 5 = 0 THEN NULL ELSE {date_plus(dt.date(1955, 1, 1), '(i * 37) % 17000')} END,
            CASE WHEN i % 3 = 0 THEN {date_plus(today, '((i * 11) % 700) - 100')} ELSE NULL END,
            '', {now_sql(now)}, {now_sql(now)}
        FROM g
    """  # noqa: S608 - every value is a number or a word of ours
    with connection.cursor() as cur:
        cur.execute(sql)


def _category_sql() -> str:
    """About 25% done, 2% canceled, the rest open or in progress."""
    return ("CASE WHEN (i / 3) % 4 = 0 THEN 'done' WHEN i % 50 = 7 THEN 'canceled' "
            "WHEN i % 5 = 1 THEN 'in_progress' ELSE 'open' END")


def _insert_tasks(org_id, tbase, cbase, ubase, sizes: Sizes, statuses, types, today, now) -> None:
    ci = f"((i * 37) % {sizes.customers})"
    category = _category_sql()
    status = (f"CASE {category} WHEN 'done' THEN {statuses[StatusCategory.DONE]} "
              f"WHEN 'canceled' THEN {statuses[StatusCategory.CANCELED]} "
              f"WHEN 'in_progress' THEN {statuses[StatusCategory.IN_PROGRESS]} "
              f"ELSE {statuses[StatusCategory.OPEN]} END")
    # 5% unassigned (D2), 5% with three and 5% with two assignees (J7), the rest one.
    assignee_count = "CASE i % 20 WHEN 0 THEN 0 WHEN 1 THEN 3 WHEN 2 THEN 2 ELSE 1 END"
    type_branches = " ".join(f"WHEN {n} THEN {pk}" for n, pk in enumerate(types))
    type_id = f"CASE WHEN i % 7 = 6 THEN NULL ELSE CASE i % 7 % {len(types)} {type_branches} END END"
    pending = f"({category} IN ('open', 'in_progress'))"
    if connection.vendor == "sqlite":
        pending = f"CASE WHEN {pending} THEN 1 ELSE 0 END"
    done = f"({category} = 'done')"
    sql = f"""
        {series(sizes.tasks)}
        INSERT INTO tasks_task (
            id, organization_id, title, customer_id, owner_id, co_owner_id, assignee_count, priority,
            status_id, is_pending, type_id, due_date, due_at, duration_minutes, description, parent_id,
            source, completed_at, completed_by_id, version, created_at, updated_at)
        SELECT {tbase} + i, {org_id},
            {sql_pick(f"i % {len(TITLE_VERBS)}", TITLE_VERBS)} || ' ' || c.name,
            c.id, {ubase} + ((i * 13) % {sizes.users}), NULL, {assignee_count}, 1 + (i / 11) % 4,
            {status}, {pending}, {type_id},
            {date_plus(today, "((i * 7919) % 365) - 60")}, NULL, NULL, '', NULL,
            'import',
            CASE WHEN {done} THEN {time_minus_days(now, 'i % 90')} ELSE NULL END,
            CASE WHEN {done} THEN {ubase} + ((i * 7) % {sizes.users}) ELSE NULL END,
            1, {time_minus_days(now, '90 + i % 200')}, {now_sql(now)}
        FROM g JOIN customers_customer c ON c.id = {cbase} + {ci}
    """  # noqa: S608 - every value is a number or a word of ours
    with connection.cursor() as cur:
        cur.execute(sql)


def _insert_assignments(org_id, tbase, ubase, sizes: Sizes) -> None:
    """The first assignee is user (7 i) mod U, so a done task was completed by its assignee."""
    sql = f"""
        INSERT INTO tasks_taskassignment (organization_id, task_id, user_id, is_pending, due_date)
        SELECT t.organization_id, t.id, {ubase} + (((t.id - {tbase}) * 7 + k.n) % {sizes.users}),
               t.is_pending, t.due_date
        FROM tasks_task t
        JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2) k ON k.n < t.assignee_count
        WHERE t.organization_id = {org_id}
    """  # noqa: S608
    with connection.cursor() as cur:
        cur.execute(sql)


def analyze() -> None:
    """Fresh statistics (and, on PostgreSQL, a visibility map so that counts are index-only)."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            verb = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            for table in ("customers_customer", "tasks_task", "tasks_taskassignment", "accounts_user", "deals_deal",
                          "chat_message"):
                cur.execute(f"{verb} {table}")
        else:
            cur.execute("ANALYZE")

