"""Plain Django twins of Followup's measured pages, for ``followup bench`` (issue 16 §6).

Each twin is the honest fastest plain version of one page: the same session authentication
(``login_required``), the same rows in the same order, the same columns and visible content,
loaded with ``select_related``/``prefetch_related`` in a fixed number of queries, rendered
without a layout. What a twin leaves out is what Followup adds around the same data: the
layout (navigation, header badge, menus, filters, pickers, pagination links), visibility rules
beyond the organization (the twins are measured as users who see what they show), permission
checks, and translations. The benchmark times each page next to its twin, interleaved, on
one connection, and reports the ratio. Only the benchmark mounts these URLs
(``ROOT_URLCONF`` override).
"""

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import path
from django.utils import timezone

from followup import urls as project_urls
from followup.accounts.models import User
from followup.chat.models import Message
from followup.communications.models import Communication
from followup.customers.models import Customer, StageChange
from followup.deals.models import Deal, DealChange
from followup.intake.models import Submission
from followup.tasks.models import HistoryAction, HistoryEntry, Note, Task, TaskAssignment

PREFIX = "/__bench__/"
PAGE = 25

_ROWS = engines["django"].from_string(
    "<!doctype html><title>Tasks</title><table>{% for t in tasks %}<tr>"
    '<td><a href="/tasks/{{ t.pk }}/">{{ t.title }}</a></td><td>{{ t.customer.name }}</td>'
    "<td>{% for u in t.assignees.all %}{{ u.get_full_name }} {% endfor %}</td>"
    "<td>{{ t.get_priority_display }}</td><td>{{ t.status.name }}</td><td>{{ t.due_date }}</td>"
    "</tr>{% endfor %}</table>"
)

_DETAIL = engines["django"].from_string(
    "<!doctype html><title>{{ t.title }}</title><h1>{{ t.title }}</h1>"
    "<p>{{ t.status.name }} {{ t.type.name }} {{ t.get_priority_display }} {{ t.due_date }}</p>"
    '<p><a href="/customers/{{ t.customer_id }}/">{{ t.customer.name }}</a> {{ t.customer.phone }} '
    "{{ t.customer.email }}</p><p>{{ t.owner.get_full_name }}</p>"
    "<ul>{% for u in t.assignees.all %}<li>{{ u.get_full_name }}</li>{% endfor %}</ul>"
    "<ul>{% for u in t.subscribers.all %}<li>{{ u.get_full_name }}</li>{% endfor %}</ul>"
    "<div>{{ t.description|linebreaks }}</div>"
    "<ul>{% for s in subtasks %}<li>{{ s.title }} {{ s.status.name }}</li>{% endfor %}</ul>"
    "<ul>{% for n in notes %}<li>{{ n.author.get_full_name }} {{ n.created_at }} {{ n.body }}</li>{% endfor %}</ul>"
    "<ul>{% for m in messages %}<li>{{ m.author.get_full_name }} {{ m.created_at }} {{ m.body }}"
    "{% for a in m.attachments.all %} {{ a.name }}{% endfor %}</li>{% endfor %}</ul>"
    "<ul>{% for h in history %}<li>{{ h.actor.get_full_name }} {{ h.created_at }} {{ h.action }} "
    "{% for c in h.changes %}{{ c.field }}: {{ c.old }} → {{ c.new }} {% endfor %}</li>{% endfor %}</ul>"
)

_CUSTOMERS = engines["django"].from_string(
    "<!doctype html><title>Customers</title><table>{% for c in customers %}<tr>"
    '<td><a href="/customers/{{ c.pk }}/">{{ c.name }}</a></td><td>{{ c.email }}</td><td>{{ c.phone }}</td>'
    "<td>{{ c.get_stage_display }}</td><td>{{ c.owner.get_full_name }}</td></tr>{% endfor %}</table>"
)


_HISTORY = engines["django"].from_string(
    "<!doctype html><title>{{ c.name }}</title><h1>{{ c.name }}</h1><p>{{ c.email }} {{ c.phone }}</p><ol>"
    "{% for at, kind, who, about, text in lines %}<li>{{ at }} {{ who.get_full_name }} {{ kind }} {{ about }} "
    "{{ text }}</li>{% endfor %}</ol>"
)


def _rows(qs):
    return qs.select_related("customer", "status").prefetch_related(
        Prefetch("assignees", queryset=User.objects.order_by("first_name", "last_name", "id")))


def _my_pending(user: User):
    return _rows(Task.objects.filter(assignments__user=user, assignments__is_pending=True)
                 .order_by("assignments__due_date", "id"))[:PAGE]


def _org_pending(user: User):
    return Task.objects.filter(organization_id=user.organization_id, is_pending=True)


@login_required
def my_pending(request):
    """My pending, first page. Leaves out the layout and the list's controls."""
    return HttpResponse(_ROWS.render({"tasks": _my_pending(request.user)}, request))


@login_required
def overdue(request):
    """All pending filtered by overdue, as a company manager (who sees the organization's tasks)."""
    qs = _org_pending(request.user).filter(due_date__lt=timezone.localdate()).order_by("due_date", "id")
    return HttpResponse(_ROWS.render({"tasks": _rows(qs)[:PAGE]}, request))


def _matching(request) -> Q:
    """The title or the customer's name, e-mail or phone contains ``q``: the one filter a plain
    Django page would write."""
    text = request.GET.get("q", "")
    return (Q(title__icontains=text) | Q(customer__name__icontains=text)
            | Q(customer__email__icontains=text) | Q(customer__phone__icontains=text))


@login_required
def search(request):
    """All pending matching ``q``, as a manager."""
    qs = _org_pending(request.user).filter(_matching(request)).order_by("due_date", "id")
    return HttpResponse(_ROWS.render({"tasks": _rows(qs)[:PAGE]}, request))


@login_required
def my_search(request):
    """My pending matching ``q``, as an ordinary member."""
    qs = (Task.objects.filter(assignments__user=request.user, assignments__is_pending=True)
          .filter(_matching(request)).order_by("assignments__due_date", "id"))
    return HttpResponse(_ROWS.render({"tasks": _rows(qs)[:PAGE]}, request))


@login_required
def task_detail(request, task_id: int):
    """The task page's content: fields, people, description, subtasks, notes, chat, history.
    Leaves out the forms (edit, notes, chat, status) and the links to project, memo and deal."""
    task = get_object_or_404(
        Task.objects.select_related("customer", "status", "type", "owner")
        .prefetch_related("assignees", "subscribers"),
        pk=task_id, organization_id=request.user.organization_id,
    )
    context = {
        "t": task,
        "subtasks": list(task.subtasks.select_related("status").order_by("due_date", "id")),
        "notes": list(task.notes.select_related("author").order_by("-created_at")[:200]),
        "history": list(task.history.select_related("actor").order_by("-created_at")[:200]),
        "messages": list(Message.objects.filter(content_type=ContentType.objects.get_for_model(Task),
                                                object_id=task.pk)
                         .select_related("author").prefetch_related("attachments").order_by("created_at")[:200]),
    }
    return HttpResponse(_DETAIL.render(context, request))


@login_required
def customer_list(request):
    """The customer list's first page, by name, with the owner."""
    qs = (Customer.objects.filter(organization_id=request.user.organization_id)
          .select_related("owner").order_by("name", "id")[:PAGE])
    return HttpResponse(_CUSTOMERS.render({"customers": qs}, request))


@login_required
def customer_history(request, customer_id: int):
    """The customer's History (C4): the newest 25 of its tasks made, completed and reopened, their
    notes, calls and e-mails, the chat on its tasks and deals, its deals' changes, its stage changes
    and form submissions, one query per kind (each its newest 25), merged in Python. Leaves out
    the profile around it (tabs, the deals card) and visibility beyond the organization."""
    customer = get_object_or_404(Customer, pk=customer_id, organization_id=request.user.organization_id)
    tasks = Task.objects.filter(customer=customer)
    deals = Deal.objects.filter(customer=customer)
    newest = ("-created_at", "-id")

    def last(qs):
        return list(qs.order_by(*newest)[:PAGE])

    lines = [(t.created_at, "created", t.owner, t.title, "") for t in last(tasks.select_related("owner"))]
    lines += [(h.created_at, h.action, h.actor, h.task.title, "") for h in last(HistoryEntry.objects.filter(
        task__in=tasks, action__in=[HistoryAction.COMPLETED, HistoryAction.REOPENED]).select_related("actor", "task"))]
    lines += [(n.created_at, "note", n.author, n.task.title, n.body)
              for n in last(Note.objects.filter(task__in=tasks).select_related("author", "task"))]
    lines += [(c.created_at, c.get_outcome_display(), c.author, c.task.title, c.note)
              for c in last(Communication.objects.filter(task__in=tasks).select_related("author", "task"))]
    for model, of in ((Task, tasks), (Deal, deals)):
        messages = Message.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id__in=of)
        lines += [(m.created_at, "message", m.author, "", m.body) for m in last(messages.select_related("author")
                                                                                    .prefetch_related("attachments"))]
    lines += [(d.created_at, d.action, d.actor, d.deal.title, d.new)
              for d in last(DealChange.objects.filter(deal__in=deals).select_related("actor", "deal"))]
    lines += [(s.created_at, "stage", s.actor, s.old, s.new)
              for s in last(StageChange.objects.filter(customer=customer).select_related("actor"))]
    lines += [(s.created_at, "form", None, s.form.name, "")
              for s in last(Submission.objects.filter(customer=customer).select_related("form"))]
    lines.sort(key=lambda line: line[0], reverse=True)
    return HttpResponse(_HISTORY.render({"c": customer, "lines": lines[:PAGE]}, request))


@login_required
def counts(request):
    """``GET /api/v1/counts`` with session authentication and no API framework."""
    n = TaskAssignment.objects.filter(user=request.user, is_pending=True).count()
    return JsonResponse({"my_pending": n})


def _person(user: User | None) -> dict | None:
    return None if user is None else {"id": user.pk, "username": user.username, "name": user.get_full_name()}


@login_required
def api_list(request):
    """``GET /api/v1/tasks?view=my_pending``: the same fields, serialized by hand."""
    items = [{
        "id": t.pk, "title": t.title,
        "customer": t.customer and {"id": t.customer.pk, "name": t.customer.name, "email": t.customer.email,
                                    "phone": t.customer.phone},
        "assignees": [_person(u) for u in t.assignees.all()], "is_team_task": t.is_team_task,
        "priority": t.get_priority_display(),
        "status": {"id": t.status.pk, "name": t.status.name, "category": t.status.category, "color": t.status.color},
        "is_pending": t.is_pending, "type": t.type_id, "due_date": t.due_date, "due_at": t.due_at,
        "completed_at": t.completed_at, "owner_id": t.owner_id, "co_owner_id": t.co_owner_id,
        "parent_id": t.parent_id, "project_id": t.project_id, "deal_id": t.deal_id, "memo_id": t.memo_id,
        "source": t.source, "version": t.version,
    } for t in _my_pending(request.user)]
    return JsonResponse({"items": items, "page": 1, "size": PAGE, "has_next": len(items) == PAGE, "next": None})


def url(name: str) -> str:
    return f"{PREFIX}{name}/"


urlpatterns = [
    path(url("my-pending").lstrip("/"), my_pending),
    path(url("overdue").lstrip("/"), overdue),
    path(url("search").lstrip("/"), search),
    path(url("my-search").lstrip("/"), my_search),
    path(url("task").lstrip("/") + "<int:task_id>/", task_detail),
    path(url("customers").lstrip("/"), customer_list),
    path(url("history").lstrip("/") + "<int:customer_id>/", customer_history),
    path(url("counts").lstrip("/"), counts),
    path(url("api-tasks").lstrip("/"), api_list),
    *project_urls.urlpatterns,
]
