from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from followup.accounts.admin_scoping import OrganizationScopedAdmin, ReadOnlyScopedAdmin
from followup.accounts.forms import ThrottledAdminLoginForm
from followup.accounts.models import Department, Organization, Role, Team, User
from followup.accounts.services import organization_save_new


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """Only platform superusers manage tenants."""

    list_display = ("name", "slug", "language", "tasks_enabled", "created_at")
    list_filter = ("language", "tasks_enabled")
    search_fields = ("name", "slug")
    fields = ("name", "slug", "language", "tasks_enabled")

    def get_readonly_fields(self, request, obj=None):
        """D12, L6: the organization's administrators turn its switches in Settings (``accounts.switches``)."""
        return ("tasks_enabled", "statuses_enabled") if obj is not None else ()

    def save_model(self, request, obj, form, change):
        """L1: a new organization made here gets the same defaults as one made anywhere else."""
        if change:
            super().save_model(request, obj, form, change)
        else:
            organization_save_new(organization=obj)


@admin.register(Department)
class DepartmentAdmin(ReadOnlyScopedAdmin):
    """Read-only: administrators keep departments and their heads in Settings (``accounts.departments``)."""

    list_display = ("name", "head")
    search_fields = ("name",)


@admin.register(Team)
class TeamAdmin(ReadOnlyScopedAdmin):
    """Read-only: administrators keep teams in Settings (``accounts.teams``)."""

    list_display = ("name",)
    search_fields = ("name",)


@admin.register(User)
class UserAdmin(OrganizationScopedAdmin, DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "role", "department", "is_active")
    list_filter = ("role", "is_active", "department")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email", "phone", "time_zone", "language")}),
        (_("Work"), {"fields": ("organization", "department", "role", "is_active", "is_staff")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "password1", "password2", "first_name", "last_name", "email",
                           "department", "role", "time_zone", "language")}),
    )

    #: L8: role, department and whether one may sign in change in Settings, through
    #: ``accounts.people`` and ``setup.people`` (which hands a leaver's tasks on); here they are
    #: set only when a person is made (a platform superuser's first administrator).
    SETTINGS_FIELDS = ("role", "department", "is_active", "is_staff")

    def get_readonly_fields(self, request, obj=None):
        return self.SETTINGS_FIELDS if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.is_staff = obj.role == Role.ADMIN  # as accounts.services.user_create has it
        super().save_model(request, obj, form, change)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [(name, {**opts, "fields": [f for f in opts["fields"] if f != "organization"]})
                for name, opts in fieldsets]


admin.site.login_form = ThrottledAdminLoginForm  # §3.6: admin's login page is throttled as the site's is
