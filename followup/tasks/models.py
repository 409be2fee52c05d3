"""Tasks, their statuses and types (rows per organization), assignments, notes and history.

Fields that lists filter on are kept denormalized on purpose, each written only by
``followup.tasks.services``:

* ``Task.is_pending`` mirrors the status category (open or in progress). One indexable value
  lets a partial index serve every pending list; ``status IN (...)`` could not.
* ``TaskAssignment`` copies the task's organization, pending flag and due date, so that a
  partial index on (user, due date, task) WHERE pending serves "My pending" in list order and
  the header count as an index-only scan.
* ``Task.assignee_count`` makes "Unassigned" a plain indexed predicate.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.core.models import LinkTarget


class StatusCategory(models.TextChoices):
    """J11: every configurable status belongs to one of these."""

    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELED = "canceled", _("Canceled")


PENDING_CATEGORIES = (StatusCategory.OPEN, StatusCategory.IN_PROGRESS)


class TaskStatus(models.Model):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="task_statuses")
    name = models.CharField(_("name"), max_length=60)
    category = models.CharField(_("category"), max_length=16, choices=StatusCategory.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_default = models.BooleanField(_("default for new tasks"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    color = models.CharField(_("colour"), max_length=16, default="slate")

    class Meta:
        verbose_name = _("task status")
        verbose_name_plural = _("task statuses")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="taskstatus_unique_name"),
            # L6: at most one default per organization (``tasks.config`` keeps exactly one).
            models.UniqueConstraint(fields=["organization"], condition=models.Q(is_default=True),
                                    name="taskstatus_one_default"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_pending(self) -> bool:
        return self.category in PENDING_CATEGORIES


class TaskType(models.Model):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="task_types")
    name = models.CharField(_("name"), max_length=60)
    icon = models.CharField(_("icon"), max_length=16, default="task")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("task type")
        verbose_name_plural = _("task types")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="tasktype_unique_name"),
        ]

    def __str__(self):
        return self.name


class Priority(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")
    URGENT = 4, _("Urgent")


class Source(models.TextChoices):
    """How a task came to be."""

    TASK_MODULE = "task_module", _("Task module")
    CUSTOMER_LIST = "customer_list", _("Customer list")
    CUSTOMER_PROFILE = "customer_profile", _("Customer profile")
    AUTOMATION = "automation", _("Automation rule")
    FORM = "form", _("Form")
    MEMO = "memo", _("Memo")
    TEMPLATE = "template", _("Template")
    SUGGESTION = "suggestion", _("Suggestion")
    RECURRENCE = "recurrence", _("Recurring task")
    DATE_TRIGGER = "date_trigger", _("Date trigger")
    API = "api", _("API")
    IMPORT = "import", _("Import")


class Task(LinkTarget):
    # Issue 14 §3: a task's row is written by the hundred thousand, and every index is written
    # with it. So no foreign key carries an index of its own where one of Meta's indexes starts
    # with its column (the organization's and the customer's), and the ones that are mostly
    # empty (co-owner, main task, completed by) are indexed by hand where set (migration 0015).
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="tasks",
                                     db_index=False)
    title = models.CharField(_("title"), max_length=200)
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), null=True, blank=True, db_index=False,
        on_delete=models.CASCADE, related_name="tasks",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True,
        on_delete=models.SET_NULL, related_name="owned_tasks",
    )
    co_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("co-owner"), null=True, blank=True, db_index=False,
        on_delete=models.SET_NULL, related_name="co_owned_tasks",
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), through="TaskAssignment",
        related_name="assigned_tasks", blank=True,
    )
    assignee_count = models.PositiveSmallIntegerField(default=0)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.MEDIUM)
    status = models.ForeignKey(TaskStatus, verbose_name=_("status"), on_delete=models.PROTECT, related_name="tasks")
    is_pending = models.BooleanField(default=True)
    type = models.ForeignKey(
        TaskType, verbose_name=_("type"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks",
    )
    due_date = models.DateField(_("due date"))
    due_at = models.DateTimeField(
        _("due time"), null=True, blank=True,
        help_text=_("Set when the task has a time; such a task occupies a calendar slot."),
    )
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=20_000)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent task"), null=True, blank=True, db_index=False,
        on_delete=models.CASCADE, related_name="subtasks",
    )
    subscribers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("subscribers"), related_name="subscribed_tasks", blank=True,
        help_text=_("J8: notified when the task is created and completed; they can see it."),
    )
    # Indexed by hand, concurrently and only where set (migration 0005): a million-row table
    # must not be locked while an index is built.
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), null=True, blank=True, db_index=False,
        on_delete=models.SET_NULL, related_name="tasks",
    )
    deal = models.ForeignKey(
        "deals.Deal", verbose_name=_("deal"), null=True, blank=True, db_index=False,
        on_delete=models.SET_NULL, related_name="tasks",
    )
    memo = models.ForeignKey(
        "memos.Memo", verbose_name=_("memo it came from"), null=True, blank=True, db_index=False,
        on_delete=models.SET_NULL, related_name="tasks",
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.TASK_MODULE)
    # What made an automatic task: the rule, form, template, suggestion or series (by ``source``), by id.
    origin_id = models.PositiveBigIntegerField(_("made by (id)"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("completed by"), null=True, blank=True, db_index=False,
        on_delete=models.SET_NULL, related_name="completed_tasks",
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(
                fields=["organization", "due_date", "id"], name="task_pending_due",
                condition=models.Q(is_pending=True),
            ),
            models.Index(
                fields=["organization", "due_date", "id"], name="task_unassigned_due",
                condition=models.Q(is_pending=True, assignee_count=0),
            ),
            models.Index(fields=["organization", "due_date", "id"], name="task_org_due"),
            models.Index(
                fields=["completed_by", "-completed_at"], name="task_completed_by",
                condition=models.Q(completed_at__isnull=False),
            ),
            models.Index(fields=["customer", "due_date"], name="task_customer_due"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_team_task(self) -> bool:
        """J7: several responsible people."""
        return self.assignee_count > 1


class TaskAssignment(models.Model):
    """One assignee of a task, with copies of the fields "My pending" filters and sorts on."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    # Served by the indexes that start with them: (task, user) unique, and (user, due date, task)
    # of migration 0014; a separate index of each was one more write per row (issue 14 §3).
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments", db_index=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_assignments",
                             db_index=False)
    is_pending = models.BooleanField(default=True)
    due_date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "user"], name="assignment_unique_user"),
        ]
        indexes = [
            models.Index(
                fields=["user", "due_date", "task"], name="assignment_my_pending",
                condition=models.Q(is_pending=True),
            ),
        ]


class Note(models.Model):
    """D3: a note added to a task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("note"), max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["task", "-created_at"], name="note_task_time")]


class HistoryAction(models.TextChoices):
    CREATED = "created", _("created the task")
    UPDATED = "updated", _("edited the task")
    COMPLETED = "completed", _("completed the task")
    REOPENED = "reopened", _("reopened the task")
    REASSIGNED = "reassigned", _("reassigned the task")
    STATUS = "status", _("changed the status")
    NOTE = "note", _("added a note")


class HistoryEntry(models.Model):
    """D3: the modification record. ``changes`` is a list of {field, old, new} in display form."""

    # Served by history_task_time, which starts with it.
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="history", db_index=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=16, choices=HistoryAction.choices)
    changes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["task", "-created_at"], name="history_task_time")]


class DueSoonNotice(models.Model):
    """J2 "due soon": the task's people were told it is about to fall due. One row per task
    (the unique task makes a second notice impossible) in a table of its own, so that the
    million-row tasks table needs no new column."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="due_soon_notice")
    due_at = models.DateTimeField(help_text=_("The due time the notice was about; a new time earns a new notice."))
    created_at = models.DateTimeField(auto_now_add=True)


class StatusMove(models.Model):
    """L6: an administrator's "move every task of this status to that one", done in batches by
    ``followup.tasks.status_moves`` (in the background when there are many). ``moved`` counts
    what is done; ``finished_at`` is set when no task of ``source`` is left."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(TaskStatus, on_delete=models.CASCADE, related_name="moves_out")
    target = models.ForeignKey(TaskStatus, on_delete=models.CASCADE, related_name="moves_in")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    total = models.PositiveIntegerField(default=0)
    moved = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="statusmove_unfinished",
                                condition=models.Q(finished_at__isnull=True))]

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.moved / self.total))
