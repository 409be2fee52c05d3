from followup.tasks.selectors import pending_count


def task_badge(request):
    """D1: every page's header shows the number of my pending tasks, counted lazily so pages
    without a header (API, static) pay nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"pending_badge": lambda: pending_count(user)}
