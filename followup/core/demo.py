"""Demo data (issue 9 item 8): one organization, "Demo Company", that shows every feature.

Everything is written through the services (``organization_create``, ``user_create``,
``customer_create``, ``task_create``, ``task_complete``, ``note_add``...), so the demo keeps
every invariant the services keep: ``Task.is_pending``, ``assignee_count``, the copies on
``TaskAssignment``, ``version`` and the history. A fixed random seed makes the data the same
on every machine; only the dates move with today.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from followup.accounts.models import Organization, Role, User
from followup.accounts.services import department_create, organization_create, user_create
from followup.customers.models import CustomerKind, Stage
from followup.customers.services import customer_create, customer_update
from followup.tasks.models import Priority, StatusCategory, TaskStatus, TaskType
from followup.tasks.services import (
    note_add,
    task_complete,
    task_create,
    task_reassign,
    task_set_status,
    task_update,
)

DEMO_SLUG = "demo"
DEMO_NAME = "Demo Company"
DEMO_PASSWORD = "demo-password"  # noqa: S105 - printed on purpose: it is the demo's login

# username, first name, last name, role, department, time zone, heads the department
PEOPLE = [
    ("demo", "Diana", "Morgan", Role.MANAGER, "Sales", "Europe/London", False),
    ("tomasz", "Tomasz", "Wiśniewski", Role.MEMBER, "Sales", "Europe/Warsaw", True),
    ("anna", "Anna", "Nowak", Role.MEMBER, "Sales", "Europe/Warsaw", False),
    ("james", "James", "Wilson", Role.MEMBER, "Sales", "Europe/London", False),
    ("sofia", "Sofía", "García", Role.MEMBER, "Sales", "Europe/Madrid", False),
    ("emily", "Emily", "Clarke", Role.MEMBER, "Customer Service", "Europe/London", True),
    ("olivia", "Olivia", "Brown", Role.MEMBER, "Customer Service", "America/New_York", False),
    ("lukas", "Lukas", "Becker", Role.MEMBER, "Customer Service", "Europe/Berlin", False),
    ("oliver", "Oliver", "Taylor", Role.OPERATOR, "Customer Service", "Europe/London", False),
    ("michael", "Michael", "Johnson", Role.MEMBER, "Marketing", "America/New_York", True),
    ("priya", "Priya", "Sharma", Role.MEMBER, "Marketing", "America/Chicago", False),
    ("admin", "Grace", "Lee", Role.ADMIN, None, "America/Los_Angeles", False),
]
DEPARTMENTS = ["Sales", "Customer Service", "Marketing"]

FIRST_NAMES = [
    "Adam", "Agnieszka", "Alan", "Alice", "Amelia", "Andrew", "Barbara", "Ben", "Charlotte", "Chloe",
    "Daniel", "David", "Elena", "Ewa", "George", "Hannah", "Harry", "Isabel", "Jack", "Jan",
    "Jessica", "John", "Julia", "Karol", "Katarzyna", "Laura", "Liam", "Lucy", "Marek", "Maria",
    "Mark", "Martin", "Noah", "Paul", "Piotr", "Rachel", "Robert", "Sarah", "Thomas", "Zofia",
]
LAST_NAMES = [
    "Adams", "Baker", "Bell", "Carter", "Collins", "Cooper", "Davies", "Evans", "Fisher", "Foster",
    "Green", "Hall", "Harris", "Hughes", "Jones", "King", "Kowalski", "Lewandowski", "Martin", "Mazur",
    "Miller", "Moore", "Murphy", "Nowicki", "Parker", "Patel", "Roberts", "Robinson", "Scott", "Stewart",
    "Szymański", "Thompson", "Turner", "Walker", "Ward", "Watson", "White", "Wójcik", "Wright", "Young",
]
COMPANY_WORDS = [
    "Northwind", "Bluebird", "Evergreen", "Silverline", "Brightwater", "Redwood", "Summit", "Oakridge",
    "Harbor", "Granite", "Pioneer", "Lakeside", "Crescent", "Falcon", "Meridian", "Horizon",
    "Keystone", "Riverbend", "Sterling", "Westfield",
]
COMPANY_SUFFIXES = ["Ltd", "Logistics", "Motors", "Foods", "Software", "Dental", "Group", "Partners", "Sp. z o.o."]

TITLES = [
    # (type name or None, title template)
    ("Phone call", "Call {name} back"),
    ("Phone call", "Birthday call to {name}"),
    ("Phone call", "Call {name} before the contract ends"),
    ("E-mail", "Send the price list to {name}"),
    ("E-mail", "Follow up on the offer with {name}"),
    ("Offer", "Prepare an offer for {name}"),
    ("Offer", "Renewal offer for {name}"),
    ("Meeting", "Meeting with {name}"),
    ("Online meeting", "Product demo for {name}"),
    ("Project", "Onboarding plan for {name}"),
    (None, "Check the invoice of {name}"),
    (None, "Update the contact details of {name}"),
]
NOTES = [
    "Left a voicemail, will try again tomorrow.",
    "Customer asked for a discount of 5%; checking with the head of sales.",
    "Sent the documents by e-mail.",
    "Prefers to be called after 2 pm.",
    "The decision maker is back from holiday next week.",
    "Agreed on a meeting at their office.",
]


@dataclass
class DemoResult:
    organization: Organization
    created: bool


def demo_exists() -> bool:
    return Organization.objects.filter(slug=DEMO_SLUG).exists()


def demo_logins() -> list[User]:
    """The demo people in display order (the ``demo`` manager first)."""
    order = {username: i for i, (username, *_rest) in enumerate(PEOPLE)}
    users = User.objects.filter(organization__slug=DEMO_SLUG).select_related("department")
    return sorted(users, key=lambda u: order.get(u.username, len(order)))


def login_lines(base_url: str | None = None) -> list[str]:
    """What the ``demo`` command prints: where to log in and as whom."""
    base_url = base_url or settings.BASE_URL
    lines = [f"Log in at {base_url} as demo / {DEMO_PASSWORD} (company manager), or as any of these"
             f" with the same password {DEMO_PASSWORD}:"]
    for user in demo_logins():
        department = user.department.name if user.department else "-"
        head = ", head of department" if user.headed_departments.exists() else ""
        lines.append(f"  {user.username:<8} {user.display_name:<20} {user.get_role_display()}{head}"
                     f" ({department}, {user.time_zone})")
    return lines


def demo_create(*, seed: int = 9) -> DemoResult:
    """Create the demo organization unless it exists already (idempotent)."""
    existing = Organization.objects.filter(slug=DEMO_SLUG).first()
    if existing is not None:
        return DemoResult(existing, created=False)
    rng = random.Random(seed)
    with transaction.atomic():
        org = organization_create(name=DEMO_NAME, slug=DEMO_SLUG)
        users = _people(org)
        customers = _customers(rng, users)
        _tasks(rng, org, users, customers)
        deals = _deals(rng, users, customers)
        _collaboration({u.username: u for u in users}, customers, deals)
    return DemoResult(org, created=True)


def _people(org: Organization) -> list[User]:
    departments = {name: department_create(organization=org, name=name) for name in DEPARTMENTS}
    users = []
    for username, first, last, role, department, zone, is_head in PEOPLE:
        user = user_create(
            organization=org, username=username, password=DEMO_PASSWORD, email=f"{username}@demo.example.com",
            first_name=first, last_name=last, role=role,
            department=departments[department] if department else None, time_zone=zone,
        )
        if is_head:
            departments[department].head = user
            departments[department].save(update_fields=["head"])
        users.append(user)
    return users


def _customers(rng: random.Random, users: list[User]) -> list:
    """About 300 customers: 40 companies with 2-4 contacts each, the rest private persons."""
    sellers = [u for u in users if u.role in (Role.MEMBER, Role.MANAGER)]
    today = timezone.localdate()
    stages = [Stage.LEAD] * 3 + [Stage.PROSPECT] * 3 + [Stage.CUSTOMER] * 5 + [Stage.CHURNED]
    customers = []
    used_names = set()

    def person_name():
        while True:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name not in used_names:
                used_names.add(name)
                return name

    def dated_fields():
        birthday = dt.date(rng.randint(1955, 2000), rng.randint(1, 12), rng.randint(1, 28))
        contract = today + dt.timedelta(days=rng.randint(-60, 400)) if rng.random() < 0.6 else None
        return birthday if rng.random() < 0.7 else None, contract

    for i in range(40):
        company_name = f"{COMPANY_WORDS[i % len(COMPANY_WORDS)]} {COMPANY_SUFFIXES[i % len(COMPANY_SUFFIXES)]}"
        domain = company_name.split()[0].lower() + ".example.com"
        owner = rng.choice(sellers)
        company = customer_create(
            actor=owner, kind=CustomerKind.COMPANY, name=company_name, email=f"office@{domain}",
            phone=f"+44 20 7{rng.randint(100, 999)} {rng.randint(1000, 9999)}", stage=rng.choice(stages),
            contract_end_date=dated_fields()[1], owner_id=owner.pk,
        )
        customers.append(company)
        for _ in range(rng.randint(2, 4)):
            name = person_name()
            birthday, _contract = dated_fields()
            customers.append(customer_create(
                actor=owner, kind=CustomerKind.PERSON, name=name, company_id=company.pk,
                email=f"{_ascii(name).replace(' ', '.').lower()}@{domain}",
                phone=f"+44 7{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
                stage=company.stage, birthday=birthday, owner_id=owner.pk,
            ))
    while len(customers) < 300:
        name = person_name()
        birthday, contract = dated_fields()
        owner = rng.choice(sellers)
        customers.append(customer_create(
            actor=owner, kind=CustomerKind.PERSON, name=name,
            email=f"{_ascii(name).replace(' ', '.').lower()}@mail.example.com" if rng.random() < 0.85 else "",
            phone=f"+48 {rng.randint(500, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
            stage=rng.choice(stages), birthday=birthday, contract_end_date=contract, owner_id=owner.pk,
        ))
    return customers


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _due(rng: random.Random, today: dt.date) -> dt.date:
    """Overdue, today, this week and later, in about equal parts."""
    bucket = rng.random()
    if bucket < 0.25:
        return today - dt.timedelta(days=rng.randint(1, 30))
    if bucket < 0.45:
        return today
    if bucket < 0.7:
        return today + dt.timedelta(days=rng.randint(1, 6))
    return today + dt.timedelta(days=rng.randint(7, 90))


def _tasks(rng: random.Random, org: Organization, users: list[User], customers: list) -> None:
    """About 320 tasks of every type, priority and status, with notes and history."""
    today = timezone.localdate()
    types = {t.name: t for t in TaskType.objects.filter(organization=org)}
    statuses = {s.category: s for s in TaskStatus.objects.filter(organization=org)}
    workers = [u for u in users if u.role != Role.ADMIN]
    made = []
    for _ in range(320):
        owner = rng.choice(workers)
        kind = rng.random()
        if kind < 0.08:
            assignees = []  # D2: unassigned
        elif kind < 0.2:
            assignees = rng.sample(workers, rng.randint(2, 3))  # J7: team task
        elif kind < 0.6:
            assignees = [owner]
        else:
            assignees = [rng.choice(workers)]
        type_name, template = rng.choice(TITLES)
        customer = rng.choice(customers)
        due = _due(rng, today)
        timed = type_name in ("Meeting", "Online meeting") or rng.random() < 0.15
        task = task_create(
            actor=owner, title=template.format(name=customer.name), customer_id=customer.pk,
            assignee_ids=[u.pk for u in assignees], due_date=due,
            priority=rng.choices(Priority.values, weights=[3, 5, 3, 1])[0],
            status_id=statuses[StatusCategory.IN_PROGRESS].pk if rng.random() < 0.2 else None,
            type_id=types[type_name].pk if type_name else None,
            due_time=dt.time(rng.choice([9, 10, 11, 13, 14, 15, 16]), rng.choice([0, 30])) if timed else None,
            duration_minutes=rng.choice([30, 45, 60]) if timed else None,
            description=f"Customer since {customer.created_at:%B %Y}. Stage: {customer.get_stage_display()}."
            if rng.random() < 0.4 else "",
        )
        made.append((task, owner, assignees))

    for task, owner, assignees in made:
        roll = rng.random()
        if roll < 0.3:
            note_add(actor=owner, task_id=task.pk, body=rng.choice(NOTES))
        if roll < 0.1:
            task_update(actor=owner, task_id=task.pk, priority=Priority.HIGH)
        elif roll < 0.15 and assignees:
            task_reassign(actor=owner, task_id=task.pk, assignee_ids=[rng.choice(workers).pk])

    # About a quarter done, each by one of its assignees (the one who has completed least so far,
    # so that every worker has a Completed list), a few canceled. A team task is completed by its
    # owner: its performers may not set its status directly (J12).
    done_by = {u.pk: 0 for u in workers}
    for task, owner, assignees in made[::4]:
        completer = owner if len(assignees) > 1 else min(assignees or [owner], key=lambda u: done_by[u.pk])
        done_by.setdefault(completer.pk, 0)
        done_by[completer.pk] += 1
        task_complete(actor=completer, task_id=task.pk)
    for task, owner, _assignees in made[1::25]:
        task_set_status(actor=owner, task_id=task.pk, status_id=statuses[StatusCategory.CANCELED].pk)


DEAL_TITLES = ["Fleet renewal", "Annual support contract", "Office move", "Pilot project", "Extra licences",
               "Training days", "Upgrade to Premium", "Second site"]


def _deals(rng: random.Random, users: list[User], customers: list) -> list:
    """Sixteen deals of the sales team at every stage of the default pipeline, a few won or lost."""
    from followup.deals.services import deal_create, deal_mark_lost, deal_mark_won, deal_set_stage

    sellers = [u for u in users if u.department and u.department.name == "Sales"]
    deals = []
    for i in range(16):
        seller, customer = rng.choice(sellers), rng.choice(customers)
        deal = deal_create(actor=seller, customer_id=customer.pk, title=DEAL_TITLES[i % len(DEAL_TITLES)],
                           amount=rng.choice([1200, 4800, 9500, 18000, 42000]))
        stages = list(deal.process.stages.values_list("pk", flat=True))
        deal_set_stage(actor=seller, deal_id=deal.pk, stage_id=stages[i % len(stages)])
        if i % 5 == 3:
            deal_mark_won(actor=seller, deal_id=deal.pk)
        elif i % 7 == 6:
            deal_mark_lost(actor=seller, deal_id=deal.pk)
        deals.append(deal)
    return deals


def _collaboration(people: dict[str, User], customers: list, deals: list) -> None:
    """Memos (a draft, a sent one, one from a deal that became a task), a project with tasks,
    chat messages and reminders, so every collaboration page has something to show."""
    from followup.chat.services import message_post
    from followup.memos.services import memo_create, memo_review, memo_task_create
    from followup.projects.services import project_create, project_task_create
    from followup.reminders.services import reminder_create

    today, now = timezone.localdate(), timezone.now()
    anna, tomasz, james, demo = people["anna"], people["tomasz"], people["james"], people["demo"]
    memo_create(actor=anna, title="Discount policy for returning customers", recipient_id=tomasz.pk,
                body="Draft: thoughts on a 5% loyalty discount.")
    memo_create(actor=anna, title="Trade fair in March", recipient_id=tomasz.pk, subscriber_ids=[james.pk], send=True,
                body="Shall we book a stand? The early-bird price ends on Friday.")
    deal = next((d for d in deals if d.owner_id == james.pk), deals[0])
    from_deal = memo_create(actor=james, title=f"Approval needed: {deal.title}", recipient_id=demo.pk, send=True,
                            body="The customer asks for 12% off. I suggest 8% with a two-year term.", deal_id=deal.pk)
    memo_review(actor=demo, memo_id=from_deal.pk)
    memo_task_create(actor=demo, memo_id=from_deal.pk, title=f"Send the revised offer: {deal.title}",
                     assignee_ids=[james.pk], due_date=today + dt.timedelta(days=2))
    project = project_create(actor=tomasz, name="Key accounts: spring review", member_ids=[anna.pk, james.pk],
                             description="Visit or call every key account before the end of the quarter.")
    for n, (who, customer) in enumerate(zip([anna, james, anna, james], customers[:4], strict=True)):
        project_task_create(actor=tomasz, project_id=project.pk, title=f"Review call: {customer.name}",
                            due_date=today + dt.timedelta(days=7 * (n + 1)), assignee_ids=[who.pk],
                            customer_id=customer.pk)
    message_post(actor=tomasz, kind="project", object_id=project.pk,
                 body="Please add what you learn on each call as a note on its task.")
    message_post(actor=anna, kind="project", object_id=project.pk, body="Will do. First two calls are booked.")
    message_post(actor=james, kind="deal", object_id=deal.pk,
                 body="They liked the two-year option. Waiting for their purchasing department.")
    moved = customers[1]
    customer_update(actor=anna, customer_id=moved.pk,
                    stage=Stage.CUSTOMER if moved.stage != Stage.CUSTOMER else Stage.PROSPECT)
    reminder_create(actor=demo, target_type="memo", target_id=from_deal.pk, note="Check the offer went out",
                    remind_at=now + dt.timedelta(days=1, hours=2))
    reminder_create(actor=demo, target_type="customer", target_id=customers[0].pk,
                    remind_at=now + dt.timedelta(hours=3), note="Ask about the renewal")
