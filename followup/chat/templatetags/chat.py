"""``{% chat_thread target %}``: the chat of a task, memo, project or deal on that object's own page.

The host page only includes ``chat/_thread.html`` with ``target=...``; the thread reads its own
latest messages here (two queries), so the host view needs no change.
"""

from django import template

from followup.chat import selectors, targets
from followup.chat.files import max_upload_bytes

register = template.Library()

THREAD_SIZE = 50


@register.inclusion_tag("chat/_thread_body.html", takes_context=True)
def chat_thread(context, target):
    kind = targets.kind_of(target)
    request = context.get("request")
    page = selectors.message_list(target=target, size=THREAD_SIZE)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "kind": kind.name,
        "target": target,
        "messages_page": page,
        "chat_messages": list(reversed(page.items)),
        "max_upload_mb": max_upload_bytes() // (1024 * 1024),
        "next": context["request"].get_full_path() if context.get("request") else "",
        "may_write": request is not None and targets.may_write(request.user, target),
    }


@register.filter
def filesize(size: int) -> str:
    """1234567 -> "1.2 MB"."""
    size = int(size or 0)
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} MB"
