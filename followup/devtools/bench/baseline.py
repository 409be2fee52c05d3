"""A plain Django page next to Followup's, for ``followup bench`` to measure in the same run.

The core issue sets its ceiling with "a plain Django implementation of the same pages, with
only the data they show" (8.1 ms for My pending on the day it was measured) and asks Followup,
with real sessions, visibility and a full layout, to stay within 2x of it. How fast this
machine is varies from hour to hour, so the benchmark measures that plain page again beside
ours and reports the ratio. Only the benchmark mounts this URL (``ROOT_URLCONF`` override).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from followup import urls as project_urls
from followup.tasks.models import Task

PLAIN_URL = "/__bench__/plain-my-pending/"

_TEMPLATE = engines["django"].from_string(
    "<!doctype html><title>My pending</title><table>{% for t in tasks %}<tr>"
    '<td><a href="/tasks/{{ t.pk }}/">{{ t.title }}</a></td><td>{{ t.customer.name }}</td>'
    "<td>{% for u in t.assignees.all %}{{ u.get_full_name }} {% endfor %}</td>"
    "<td>{{ t.get_priority_display }}</td><td>{{ t.status.name }}</td><td>{{ t.due_date }}</td>"
    "</tr>{% endfor %}</table>"
)


@login_required
def plain_my_pending(request):
    """The first page of My pending, as a plain Django view would do it."""
    tasks = (
        Task.objects.filter(assignments__user=request.user, assignments__is_pending=True)
        .select_related("customer", "status").prefetch_related("assignees")
        .order_by("assignments__due_date", "id")[:25]
    )
    return HttpResponse(_TEMPLATE.render({"tasks": tasks}, request))


urlpatterns = [path(PLAIN_URL.strip("/") + "/", plain_my_pending), *project_urls.urlpatterns]
