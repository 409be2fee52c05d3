"""Who am I: the signed-in user, their organization and role, and the header badge."""

from ninja import Router

from followup.api import schemas as s
from followup.api.auth import everyone
from followup.api.tasks import ERRORS
from followup.tasks.selectors import pending_count

router = Router(auth=everyone(), tags=["me"])


@router.get("/me", response={200: s.MeOut, **ERRORS})
def me(request):
    user = request.auth
    org = user.organization
    department = user.department  # one query, only here
    return {
        "id": user.pk, "username": user.username, "name": user.display_name, "email": user.email,
        "role": user.role, "time_zone": user.time_zone,
        "organization": {"id": org.pk, "name": org.name, "slug": org.slug, "tasks_enabled": org.tasks_enabled},
        "department": {"id": department.pk, "name": department.name} if department else None,
        "pending_count": pending_count(user),
    }
