"""The REST API under /api/v1/ (B4): one NinjaAPI, OpenAPI at openapi.json, docs at docs."""

from ninja import NinjaAPI

from followup.api import (
    automation,
    calendar,
    chat,
    communications,
    customers,
    datetriggers,
    deals,
    errors,
    forms,
    me,
    memos,
    notifications,
    projects,
    reminders,
    sharing,
    suggestions,
    sync,
    task_config,
    task_templates,
    tasks,
)
from followup.api.auth import everyone

api = NinjaAPI(
    title="Followup API",
    version="1",
    urls_namespace="api",
    auth=everyone(),
    parser=errors.JsonParser(),
    description=(
        "Tasks and customers of your organization. Authenticate with a personal access token "
        "(`followup token <username> <name>`) sent as `Authorization: Bearer fu_...`, or with the "
        "browser session (unsafe methods then need the `X-CSRFToken` header). Errors are JSON: "
        '`{"errors": {"field": ["message"]}}` (400/422), naming every bad field at once, or '
        '`{"detail": "..."}` (401/403/404/409). A field left out takes its default; `null` is refused '
        "for a field that always has a value. Dates and times are ISO 8601 text. "
        "Edits take the version you read (body `version` or `If-Match`); a stale one answers 409."
    ),
)
errors.install(api)
api.add_decorator(errors.every_error_at_once)
api.add_router("", me.router)
api.add_router("", tasks.router)
api.add_router("", task_config.router)
api.add_router("", suggestions.router)
api.add_router("", communications.router)
api.add_router("", automation.router)  # before customers: its /customers/bulk must win over /customers/{id}
api.add_router("", customers.router)
api.add_router("", memos.router)
api.add_router("", projects.router)
api.add_router("", deals.router)
api.add_router("", notifications.router)
api.add_router("", chat.router)
api.add_router("", reminders.router)
api.add_router("", calendar.router)
api.add_router("", forms.router)
api.add_router("", task_templates.router)
api.add_router("", datetriggers.router)
api.add_router("", sharing.router)
api.add_router("", sync.router)
