from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from followup.accounts.admin_scoping import OrganizationScopedAdmin
from followup.accounts.forms import ThrottledAdminLoginForm
from followup.accounts.models import Department, Organization, User
from followup.accounts.services import organization_save_new


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """Only platform superusers manage tenants."""

    list_display = ("name", "slug", "language", "tasks_enabled", "created_at")
    list_filter = ("language", "tasks_enabled")
    search_fields = ("name", "slug")
    fields = ("name", "slug", "language", "tasks_enabled")

    def save_model(self, request, obj, form, change):
        """L1: a new organization made here gets the same defaults as one made anywhere else."""
        if change:
            super().save_model(request, obj, form, change)
        else:
            organization_save_new(organization=obj)


@admin.register(Department)
class DepartmentAdmin(OrganizationScopedAdmin):
    list_display = ("name", "head")
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

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [(name, {**opts, "fields": [f for f in opts["fields"] if f != "organization"]})
                for name, opts in fieldsets]


admin.site.login_form = ThrottledAdminLoginForm  # §3.6: admin's login page is throttled as the site's is
