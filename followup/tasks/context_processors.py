from django.utils.functional import SimpleLazyObject

from followup.tasks.selectors import pending_count


def task_badge(request):
    """D1: every page's header shows the number of my pending tasks. Lazy and computed at most
    once per request, so pages that do not show it (API, static) pay nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"pending_badge": SimpleLazyObject(lambda: pending_count(user))}
