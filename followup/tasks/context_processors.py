import functools

from followup.tasks.selectors import pending_count


def task_badge(request):
    """D1: every page's header shows the number of my pending tasks. A callable, which the
    template calls when it shows the badge, computed at most once per request, so pages that
    do not show it (API, static) pay nothing. (A lazy object would not do: Polish plural forms
    take the number modulo 10, which a SimpleLazyObject does not support.)"""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"pending_badge": functools.cache(lambda: pending_count(user))}
