from django.contrib import admin

from followup.core.admin_scoping import OrganizationScopedAdmin, ReadOnlyScopedAdmin
from followup.tasks.models import Task, TaskStatus, TaskType


@admin.register(TaskStatus)
class TaskStatusAdmin(OrganizationScopedAdmin):
    list_display = ("name", "category", "is_default", "is_active", "position")
    list_editable = ("position",)


@admin.register(TaskType)
class TaskTypeAdmin(OrganizationScopedAdmin):
    list_display = ("name", "icon", "is_active", "position")
    list_editable = ("position",)


@admin.register(Task)
class TaskAdmin(ReadOnlyScopedAdmin):
    """Read-only: task writes go through followup.tasks.services, which keep the list copies."""

    list_display = ("title", "customer", "status", "priority", "due_date", "owner")
    list_filter = ("status", "priority", "type")
    search_fields = ("title",)
    list_select_related = ("customer", "status", "owner")
    show_full_result_count = False
