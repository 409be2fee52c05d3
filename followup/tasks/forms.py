"""Parsing of the task pages' input: the New Task and edit forms, the filter bar, the batch bar.

Nothing here decides a business rule (``followup.tasks.validation`` does); these functions only
turn strings into typed values and name each field they could not read, so that a bad date or
a non-number id becomes a message under its field, never a 500.
"""

from django.utils.translation import gettext as _

from followup.core.dates import DateError, parse_date
from followup.core.parsing import parse_int, parse_time
from followup.tasks.models import Priority, Source
from followup.tasks.selectors import TaskFilters, TaskSort

Q_MAX = 200


class TaskForm:
    """The New Task (C2) and edit forms. ``data`` keeps exactly what the user typed, so a page
    re-rendered after an error loses nothing; ``values`` holds what could be read."""

    FIELDS = ("title", "customer", "assignees", "priority", "status", "type", "due_date", "due_time",
              "duration_minutes", "description")

    def __init__(self, data=None, *, initial: dict | None = None):
        self.errors: dict[str, list[str]] = {}
        self.values: dict = {}
        self.data = dict(initial or {})
        if data is not None:
            self.data = {name: data.get(name, "") for name in self.FIELDS if name != "assignees"}
            self.data["assignees"] = [a for a in data.getlist("assignees") if a]
            self.data["subscribers"] = [s for s in data.getlist("subscribers") if s]
            self.data["customer_label"] = data.get("customer_label", "")
            self.data["version"] = data.get("version", "")
            self._parse()

    def _read(self, field, parser, message):
        try:
            return parser(self.data.get(field))
        except DateError as exc:  # it says what is wrong: "30 February 2026 does not exist."
            self.errors[field] = [str(exc)]
            return None
        except (TypeError, ValueError):
            self.errors[field] = [message]
            return None

    def _parse(self):
        d, v = self.data, self.values
        v["title"] = d.get("title", "")
        v["description"] = d.get("description", "")
        v["customer_id"] = self._read("customer", parse_int, _("Choose an existing customer."))
        v["priority"] = self._read("priority", parse_int, _("Choose Low, Medium, High or Urgent."))
        v["status_id"] = self._read("status", parse_int, _("Choose one of the organization's statuses."))
        v["type_id"] = self._read("type", parse_int, _("Choose one of the organization's task types."))
        v["due_date"] = self._read("due_date", parse_date, "")
        v["due_time"] = self._read("due_time", parse_time, _("Enter a time as HH:MM."))
        v["duration_minutes"] = self._read("duration_minutes", parse_int, _("Enter a number of minutes."))
        try:
            v["assignee_ids"] = [parse_int(a) for a in d["assignees"]]
        except (TypeError, ValueError):
            self.errors["assignees"] = [_("Choose people of your organization.")]
            v["assignee_ids"] = []
        try:
            v["subscriber_ids"] = [parse_int(s) for s in d.get("subscribers", [])]
        except (TypeError, ValueError):
            self.errors["subscribers"] = [_("Choose people of your organization.")]
            v["subscriber_ids"] = []
        self.version = self._read("version", parse_int, _("Reload the page and try again."))

    def merge(self, errors: dict[str, list[str]]) -> None:
        """Add a service's errors; a field this form could not even read keeps its own message."""
        for field, messages in errors.items():
            field = {"customer_id": "customer", "assignee_ids": "assignees", "status_id": "status",
                     "type_id": "type", "subscriber_ids": "subscribers"}.get(field, field)
            self.errors.setdefault(field, messages)

    def __getitem__(self, name):
        """Templates read ``form.title``: the raw value typed (or the initial one)."""
        if name not in self.FIELDS and name not in ("customer_label", "version"):
            raise KeyError(name)
        return self.data.get(name, "")


def parse_source(raw) -> str:
    return raw if raw in (Source.CUSTOMER_LIST, Source.CUSTOMER_PROFILE) else Source.TASK_MODULE


def parse_filters(params) -> tuple[TaskFilters, dict[str, str]]:
    """A4, J9: the filter bar. A value that cannot be read is ignored and named in ``problems``."""
    problems: dict[str, str] = {}
    values: dict = {}

    def read(field, name, parser, message):
        try:
            value = parser(params.get(name))
        except DateError as exc:
            problems[name] = message % {"reason": exc}
            return
        except (TypeError, ValueError):
            problems[name] = message
            return
        if value is not None:
            values[field] = value

    q = (params.get("q") or "").strip()
    if len(q) > Q_MAX:
        problems["q"] = _("The search text was cut to %(n)s characters.") % {"n": Q_MAX}
        q = q[:Q_MAX]
    values["q"] = q
    read("type_id", "type", parse_int, _("Unknown task type, ignored."))
    read("status_id", "status", parse_int, _("Unknown status, ignored."))
    read("assignee_id", "assignee", parse_int, _("Unknown person, ignored."))
    read("priority", "priority", parse_int, _("Unknown priority, ignored."))
    if values.get("priority") not in (None, *Priority.values):
        problems["priority"] = _("Unknown priority, ignored.")
        values.pop("priority")
    read("due_from", "due_from", parse_date, _("“Due from” ignored: %(reason)s"))
    read("due_to", "due_to", parse_date, _("“Due to” ignored: %(reason)s"))
    values["overdue"] = params.get("overdue") in ("1", "on", "true")
    values["include_closed"] = params.get("all") in ("1", "on", "true")
    sort = params.get("sort") or TaskSort.DUE
    if sort in TaskSort._value2member_map_:
        values["sort"] = TaskSort(sort)
    else:
        problems["sort"] = _("Unknown sort order, ignored.")
    return TaskFilters(**values), problems
