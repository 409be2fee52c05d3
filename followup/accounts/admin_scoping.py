"""Django admin for organization administrators, scoped to their own organization.

Platform superusers see everything; an administrator (role ``admin``, ``is_staff``) sees and
edits only rows of their organization, and every foreign-key choice is limited to it, so the
admin cannot become a way around tenant isolation.
"""

from django.contrib import admin

from followup.accounts.models import Role


def is_org_admin(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and getattr(user, "role", None) == Role.ADMIN and user.organization_id


class OrganizationScopedAdmin(admin.ModelAdmin):
    """Filter by ``organization_path`` and fill ``organization`` on new rows."""

    organization_path = "organization"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{self.organization_path: request.user.organization_id})

    def _allowed(self, request) -> bool:
        return request.user.is_superuser or bool(is_org_admin(request))

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        model = db_field.related_model
        if not request.user.is_superuser and model is not None:
            org_id = request.user.organization_id
            if db_field.name == "organization":
                kwargs["queryset"] = model.objects.filter(pk=org_id)
            elif any(f.name == "organization" for f in model._meta.get_fields()):
                kwargs["queryset"] = model.objects.filter(organization_id=org_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser and self.organization_path == "organization":
            exclude.append("organization")
        return exclude

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and self.organization_path == "organization":
            obj.organization_id = request.user.organization_id
        super().save_model(request, obj, form, change)


class ReadOnlyScopedAdmin(OrganizationScopedAdmin):
    """For rows whose writes must go through services (tasks keep denormalized copies)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
