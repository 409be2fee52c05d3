"""``followup bench``: which pages are measured, as whom, and each page's plain twin
(``bench.twins``, issue 16 §6).

Each case is a URL of Followup, the selector behind it (measured instead when the page is not
there), and the URL of its plain Django twin when it has one; the people are picked so that
the pages show what a typical member and the company manager see.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count

from followup.accounts.models import Organization, Role, User
from followup.customers.models import CustomerKind
from followup.deals.models import Deal
from followup.devtools.bench import twins
from followup.devtools.bench.generate import Sizes, rare_word
from followup.devtools.names import COMMON_WORD
from followup.tasks.models import Task, TaskAssignment

MY_PENDING_NAME = "My pending, first page (HTML)"


@dataclass
class Case:
    name: str
    target_ms: float
    user: User
    url: str
    selector: Callable[[], object]
    twin_url: str = ""
    explain: bool = True
    note: str = ""


def pick_people(org: Organization) -> tuple[User, User, int]:
    """A member with a typical (median) number of pending tasks, the company manager, and one of
    the member's pending tasks for the detail page."""
    loads = list(
        TaskAssignment.objects.filter(organization=org, is_pending=True, user__role=Role.MEMBER)
        .values("user_id").annotate(n=Count("id")).order_by("n", "user_id")
    )
    member_id = loads[len(loads) // 2]["user_id"] if loads else None
    member = User.objects.select_related("organization").get(
        pk=member_id) if member_id else User.objects.filter(organization=org, role=Role.MEMBER).first()
    manager = User.objects.select_related("organization").get(organization=org, username="bench-manager")
    task = (TaskAssignment.objects.filter(user=member, is_pending=True).order_by("due_date", "task_id")
            .values_list("task_id", flat=True).first())
    return member, manager, task


def member_word(task_id: int) -> str:
    """The surname of the member's measured task's customer: as rare as ``rare_word`` (one
    customer in a thousand has it), and one the member finds something for. The organization's
    rare word found none of a member's tasks at 100,000 tasks, and measured an empty page."""
    customer = Task.objects.select_related("customer").get(pk=task_id).customer
    words = customer.name.split()
    return words[0] if customer.kind == CustomerKind.COMPANY else words[-1]


def history_customer(member: User) -> int | None:
    """The customer of the member's measured task, or of their next pending task whose customer has
    a deal (issue 16 §6: the history is measured with deals and chat messages in it)."""
    ids = list(TaskAssignment.objects.filter(user=member, is_pending=True).order_by("due_date", "task_id")
               .values_list("task__customer_id", flat=True)[:50])
    with_deals = set(Deal.objects.filter(customer_id__in=ids).values_list("customer_id", flat=True))
    return next((pk for pk in ids if pk in with_deals), ids[0] if ids else None)


def cases(org: Organization, sizes: Sizes) -> list[Case]:
    from followup.customers.selectors import customer_detail, customer_list_rows
    from followup.customers.timeline import customer_timeline
    from followup.tasks.page_selectors import task_detail, task_history, task_notes
    from followup.tasks.selectors import TaskFilters, TaskView, pending_count, task_list

    member, manager, task_id = pick_people(org)
    rare, mine = rare_word(sizes), member_word(task_id)
    customer_id = history_customer(member)

    def my_pending():
        return task_list(actor=member, view=TaskView.MY_PENDING)

    def search(word: str):
        return lambda: task_list(actor=manager, view=TaskView.ALL_PENDING, filters=TaskFilters(q=word))

    def detail():
        task = task_detail(actor=member, task_id=task_id)
        return task, task_notes(task=task), task_history(task=task)

    def history():
        return customer_timeline(actor=member, customer=customer_detail(actor=member, customer_id=customer_id))

    return [
        Case(MY_PENDING_NAME, 20, member, "/tasks/", my_pending, twins.url("my-pending")),
        Case(f"My pending, search rare word '{mine}' (HTML, member)", 30, member, f"/tasks/?q={mine}",
             lambda: task_list(actor=member, view=TaskView.MY_PENDING, filters=TaskFilters(q=mine)),
             twins.url("my-search") + f"?q={mine}"),
        Case("All pending, overdue (HTML, manager)", 20, manager, "/tasks/all_pending/?overdue=1",
             lambda: task_list(actor=manager, view=TaskView.ALL_PENDING, filters=TaskFilters(overdue=True)),
             twins.url("overdue")),
        Case(f"Search, rare word '{rare}' (HTML, manager)", 30, manager, f"/tasks/all_pending/?q={rare}",
             search(rare), twins.url("search") + f"?q={rare}"),
        Case(f"Search, common word '{COMMON_WORD}' (HTML, manager)", 30, manager,
             f"/tasks/all_pending/?q={COMMON_WORD}", search(COMMON_WORD), twins.url("search") + f"?q={COMMON_WORD}",
             note="a short word in a quarter of all titles"),
        Case("Header count (pending_count)", 3, member, "", lambda: pending_count(member)),
        Case("Header count (GET /api/v1/counts)", 3, member, "/api/v1/counts", lambda: pending_count(member),
             twins.url("counts")),
        Case("Task detail (HTML)", 20, member, f"/tasks/{task_id}/", detail, twins.url("task") + f"{task_id}/",
             explain=False),
        Case("API GET /api/v1/tasks?view=my_pending", 20, member, "/api/v1/tasks?view=my_pending", my_pending,
             twins.url("api-tasks")),
        Case("Customer list (HTML)", 20, member, "/customers/", lambda: customer_list_rows(actor=member),
             twins.url("customers")),
        Case("Customer history (HTML, C4)", 20, member, f"/customers/{customer_id}/history/", history,
             twins.url("history") + f"{customer_id}/",
             note="a customer of the member with a deal: its tasks, notes, chat and deals in one timeline"),
    ]


def prepare_detail(org: Organization) -> None:
    """Give the measured task a few notes and history entries, as a real one would have."""
    from followup.tasks.services import note_add, task_update

    member, _manager, task_id = pick_people(org)
    if task_id and not Task.objects.get(pk=task_id).notes.exists():
        for body in ("Left a voicemail.", "Asked for the price list.", "Meeting agreed for next week."):
            note_add(actor=member, task_id=task_id, body=body)
        task_update(actor=member, task_id=task_id, priority=3)
