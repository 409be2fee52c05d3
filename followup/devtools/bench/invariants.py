"""The invariants the task services keep, counted in SQL over one organization.

The bench writes its rows with plain SQL and the demo through the services; both are checked
here (``followup bench`` prints the counts, the demo's tests require them all zero), so a
generator that forgets a denormalized copy is caught before it skews a measurement.
"""

from django.db import connection


def invariant_violations(organization_id: int) -> dict[str, int]:
    """How many rows break each invariant the task services keep (all zero when sound)."""
    pending_categories = "('open', 'in_progress')"
    true = "TRUE" if connection.vendor == "postgresql" else "1"
    false = "FALSE" if connection.vendor == "postgresql" else "0"
    checks = {
        "is_pending differs from the status category": f"""
            SELECT COUNT(*) FROM tasks_task t JOIN tasks_taskstatus s ON s.id = t.status_id
            WHERE t.organization_id = %s AND t.is_pending <> (CASE WHEN s.category IN {pending_categories}
                  THEN {true} ELSE {false} END)""",
        "assignee_count differs from the assignments": """
            SELECT COUNT(*) FROM tasks_task t WHERE t.organization_id = %s AND t.assignee_count <>
                (SELECT COUNT(*) FROM tasks_taskassignment a WHERE a.task_id = t.id)""",
        "assignment copies differ from their task": """
            SELECT COUNT(*) FROM tasks_taskassignment a JOIN tasks_task t ON t.id = a.task_id
            WHERE t.organization_id = %s AND (a.organization_id <> t.organization_id
                  OR a.is_pending <> t.is_pending OR a.due_date <> t.due_date)""",
        "completed_at set without a done status (or missing on one)": """
            SELECT COUNT(*) FROM tasks_task t JOIN tasks_taskstatus s ON s.id = t.status_id
            WHERE t.organization_id = %s AND ((s.category = 'done') <> (t.completed_at IS NOT NULL))""",
        "version below 1": "SELECT COUNT(*) FROM tasks_task WHERE organization_id = %s AND version < 1",
        "status or assignee of another organization": """
            SELECT COUNT(*) FROM tasks_task t
            WHERE t.organization_id = %s AND (
                EXISTS (SELECT 1 FROM tasks_taskstatus s WHERE s.id = t.status_id
                        AND s.organization_id <> t.organization_id)
                OR EXISTS (SELECT 1 FROM tasks_taskassignment a JOIN accounts_user u ON u.id = a.user_id
                           WHERE a.task_id = t.id AND u.organization_id <> t.organization_id))""",
    }
    found = {}
    with connection.cursor() as cur:
        for name, sql in checks.items():
            cur.execute(sql, [organization_id])
            found[name] = cur.fetchone()[0]
    return found
