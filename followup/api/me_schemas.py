"""What ``GET /me`` (``followup.api.me``) answers. Roles come from the model."""

from followup.accounts.models import Role, User
from followup.api import common as c

RoleName = c.names_of(Role.values)


class OrganizationOut(c.Out):
    id: int
    name: str
    slug: str
    tasks_enabled: bool


class DepartmentOut(c.Out):
    id: int
    name: str


class MeOut(c.Out):
    id: int
    username: str
    name: str
    email: str
    role: RoleName
    time_zone: str
    organization: OrganizationOut
    department: DepartmentOut | None
    pending_count: int


def me_out(user: User, *, pending_count: int) -> dict:
    org, department = user.organization, user.department  # the department: one query, only here
    return {
        "id": user.pk, "username": user.username, "name": user.display_name, "email": user.email,
        "role": user.role, "time_zone": user.time_zone,
        "organization": {"id": org.pk, "name": org.name, "slug": org.slug, "tasks_enabled": org.tasks_enabled},
        "department": {"id": department.pk, "name": department.name} if department else None,
        "pending_count": pending_count,
    }
