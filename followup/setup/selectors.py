"""Reads of the Settings pages (L8), each a constant number of queries however many rows.

"In use" marks (a status or type some task has) are ``EXISTS`` probes of the tasks' foreign-key
indexes, one per row shown, instead of counting a million tasks; the one status or type an
administrator looks at closely gets its exact count (``status_task_count``).
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from followup.accounts.access import person_get
from followup.accounts.models import Department, Team, User
from followup.core.pagination import Page, paginate
from followup.deals.models import Deal, SalesProcess, SalesStage
from followup.tasks.handover import open_tasks_of
from followup.tasks.models import Task, TaskAssignment, TaskStatus, TaskType

UNUSABLE = "!"  # how Django marks a password that was never set (``set_unusable_password``)
PEOPLE_SHOWS = ("active", "invited", "deactivated")
Q_MAX = 100


def _show_q(show: str) -> Q:
    invited = Q(is_active=True, password__startswith=UNUSABLE, last_login__isnull=True)
    return {"invited": invited, "deactivated": Q(is_active=False)}.get(show, Q(is_active=True) & ~invited)


@dataclass
class PeoplePage:
    page: Page[User]
    counts: dict[str, int]


def people_page(*, actor: User, show: str = "active", q: str = "", number: int = 1,
                size: int | None = None) -> PeoplePage:
    """L8: the people of the organization, active, invited or deactivated, by name, with each
    one's number of open tasks. Queries: the three counts, the page (with departments), the
    open-task counts of the page's people."""
    org = User.objects.filter(organization_id=actor.organization_id)
    counts = org.aggregate(**{name: Count("pk", filter=_show_q(name)) for name in PEOPLE_SHOWS})
    qs = org.filter(_show_q(show if show in PEOPLE_SHOWS else "active")).select_related("department")
    q = (q or "").strip()[:Q_MAX]
    for word in q.split():
        qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
                       | Q(username__icontains=word))
    page = paginate(qs.order_by("first_name", "last_name", "pk"), number=number, size=size)
    open_counts = dict(TaskAssignment.objects.filter(user_id__in=[u.pk for u in page.items], is_pending=True)
                       .values("user_id").annotate(n=Count("pk")).values_list("user_id", "n"))
    for user in page.items:
        user.open_tasks = open_counts.get(user.pk, 0)
    return PeoplePage(page=page, counts=counts)


@dataclass
class PersonDetail:
    person: User
    open_tasks: int
    teams: list[Team]
    headed: list[Department]


def person_detail(*, actor: User, user_id: int) -> PersonDetail:
    person = person_get(actor=actor, user_id=user_id,
                        queryset=User.objects.filter(organization_id=actor.organization_id).select_related("department"))
    return PersonDetail(person=person, open_tasks=open_tasks_of(person).count(),
                        teams=list(person.teams.order_by("name")), headed=list(person.headed_departments.all()))


def departments_overview(*, actor: User) -> list[Department]:
    """Departments by name with their heads and their numbers of active members (one query)."""
    return list(Department.objects.filter(organization_id=actor.organization_id).select_related("head")
                .annotate(member_count=Count("members", filter=Q(members__is_active=True))).order_by("name"))


def department_choices(*, actor: User) -> list[tuple[int, str]]:
    """The departments a person can be put in, by name (one query)."""
    return list(Department.objects.filter(organization_id=actor.organization_id).order_by("name")
                .values_list("pk", "name"))


def department_members(*, department: Department) -> list[User]:
    return list(department.members.filter(is_active=True).order_by("first_name", "last_name", "pk"))


def teams_overview(*, actor: User) -> list[Team]:
    """Teams by name with their members (two queries)."""
    members = Prefetch("members", queryset=User.objects.order_by("first_name", "last_name", "pk"))
    return list(Team.objects.filter(organization_id=actor.organization_id).prefetch_related(members)
                .order_by("name", "pk"))


def _in_use(qs: QuerySet, field: str) -> QuerySet:
    return qs.annotate(in_use=Exists(Task.objects.filter(**{field: OuterRef("pk")})))


def task_types_overview(*, actor: User) -> list[TaskType]:
    """Every type, retired ones too, in order, each marked in use or not (one query)."""
    return list(_in_use(TaskType.objects.filter(organization_id=actor.organization_id), "type_id"))


def task_statuses_overview(*, actor: User) -> list[TaskStatus]:
    """Every status, retired ones too, in order, each marked in use or not (one query)."""
    return list(_in_use(TaskStatus.objects.filter(organization_id=actor.organization_id), "status_id"))


def status_task_count(status: TaskStatus) -> int:
    return Task.objects.filter(status_id=status.pk).count()


def processes_overview(*, actor: User) -> list[SalesProcess]:
    """Processes by name, each with its number of deals and its stages in order, each stage
    with its number of deals (two queries)."""
    stages = Prefetch("stages", queryset=SalesStage.objects.annotate(deal_count=Count("deals")).order_by("position",
                                                                                                          "pk"))
    return list(SalesProcess.objects.filter(organization_id=actor.organization_id)
                .annotate(deal_count=Count("deals")).prefetch_related(stages).order_by("name", "pk"))


def process_deal_count(process: SalesProcess) -> int:
    return Deal.objects.filter(process=process).count()
