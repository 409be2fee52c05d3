"""Who am I: the signed-in user, their organization and role, and the header badge."""

from ninja import Router

from followup.api import me_schemas as s
from followup.api.auth import everyone
from followup.api.common import ERRORS
from followup.tasks.selectors import pending_count

router = Router(auth=everyone(), tags=["me"])


@router.get("/me", response={200: s.MeOut, **ERRORS})
def me(request):
    return s.me_out(request.auth, pending_count=pending_count(request.auth))
