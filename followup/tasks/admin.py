from django import forms
from django.contrib import admin

from followup.accounts.admin_scoping import OrganizationScopedAdmin, ReadOnlyScopedAdmin
from followup.core.exceptions import FieldErrors
from followup.tasks.config import task_status_check, task_status_save
from followup.tasks.models import Task, TaskStatus, TaskType


class TaskStatusForm(forms.ModelForm):
    class Meta:
        model = TaskStatus
        fields = ("organization", "name", "category", "position", "is_default", "is_active", "color")

    def clean(self):
        cleaned = super().clean()
        candidate = self.instance
        for name, value in cleaned.items():
            setattr(candidate, name, value)
        try:
            task_status_check(candidate)
        except FieldErrors as exc:
            for field, messages in exc.errors.items():
                self.add_error(field if field in self.fields else None, messages)
        return cleaned


@admin.register(TaskStatus)
class TaskStatusAdmin(OrganizationScopedAdmin):
    """L6 through ``tasks.config``: one default status, and a category fixed once made (the
    tasks' ``is_pending`` and their assignment copies follow the category)."""

    form = TaskStatusForm
    list_display = ("name", "category", "is_default", "is_active", "position")

    def get_readonly_fields(self, request, obj=None):
        return ("category",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.organization_id = request.user.organization_id
        task_status_save(status=obj)


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
