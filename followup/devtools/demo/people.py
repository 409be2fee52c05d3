"""The demo's people and customers: twelve people of every role in three departments, set up
when the team started with Followup, and about 300 customers who came in over the months
since, some of them moving from lead to prospect to customer on the way (C4's stage changes)."""

import datetime as dt
import unicodedata

from followup.accounts.models import Organization, Role, User
from followup.accounts.services import department_create, user_create
from followup.customers.models import Customer, CustomerKind, Stage
from followup.customers.services import customer_create, customer_update
from followup.devtools.demo.story import Story, clock_at
from followup.devtools.names import COMPANY_SUFFIXES, COMPANY_WORDS, DEPARTMENTS, FIRST_NAMES, LAST_NAMES

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
# Final stages, about in these proportions; a customer now at a later stage may have started earlier.
STAGES = [Stage.LEAD] * 3 + [Stage.PROSPECT] * 3 + [Stage.CUSTOMER] * 5 + [Stage.CHURNED]
EARLIER = {Stage.PROSPECT: [Stage.LEAD], Stage.CUSTOMER: [Stage.LEAD, Stage.PROSPECT]}


def people(org: Organization) -> list[User]:
    used = {department for *_rest, department, _zone, _head in PEOPLE if department}
    departments = {name: department_create(organization=org, name=name) for name in DEPARTMENTS if name in used}
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


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


class _Customers:
    """Makes the customers, each on the day it came in, and plans the stage changes of some."""

    def __init__(self, story: Story, users: list[User], *, since: dt.datetime):
        self.story, self.rng = story, story.rng
        self.sellers = [u for u in users if u.role in (Role.MEMBER, Role.MANAGER)]
        self.first_day = since
        self.days = (story.now - since).days
        self.used_names: set[str] = set()
        self.today = story.now.date()

    def person_name(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def dated_fields(self) -> tuple[dt.date | None, dt.date | None]:
        rng = self.rng
        birthday = dt.date(rng.randint(1955, 2000), rng.randint(1, 12), rng.randint(1, 28))
        contract = self.today + dt.timedelta(days=rng.randint(-60, 400)) if rng.random() < 0.6 else None
        return birthday if rng.random() < 0.7 else None, contract

    def came_in(self, owner: User, *, latest: int) -> dt.datetime:
        """A day in the months since the start, the earlier ones likelier (customers accumulate)."""
        day = int(min(latest, self.days - 1) * self.rng.random() ** 1.4)
        return self.story.after(self.first_day, owner.time_zone, days=(day, day))

    def create(self, moment: dt.datetime, owner: User, final: str, **fields) -> Customer:
        """Create the customer at ``moment``; one now further on may have started at an earlier stage."""
        earlier = EARLIER.get(final, [])
        path = [*earlier[self.rng.randint(0, len(earlier) - 1):], final] if earlier and self.rng.random() < 0.2 \
            else [final]
        with clock_at(moment):
            customer = customer_create(actor=owner, stage=path[0], owner_id=owner.pk, **fields)
        when = moment
        for stage in path[1:]:
            when = self.story.after(when, owner.time_zone, days=(5, 30))
            self.story.at(when, lambda c=customer, s=stage: customer_update(actor=owner, customer_id=c.pk, stage=s))
        return customer

    def all(self) -> list[Customer]:
        """About 300: 40 companies with 2-4 contacts each, the rest private persons. Made in the
        order they came in, so ids and ``created_at`` agree."""
        rng, planned = self.rng, []
        for i in range(40):
            name = f"{COMPANY_WORDS[i % len(COMPANY_WORDS)]} {COMPANY_SUFFIXES[i % len(COMPANY_SUFFIXES)]}"
            owner, stage = rng.choice(self.sellers), rng.choice(STAGES)
            domain = name.split()[0].lower() + ".example.com"
            moment = self.came_in(owner, latest=self.days - 20)
            contacts = []
            for _ in range(rng.randint(2, 4)):
                person, (birthday, _contract) = self.person_name(), self.dated_fields()
                contacts.append((self.story.after(moment, owner.time_zone, days=(0, 20)), dict(
                    kind=CustomerKind.PERSON, name=person, birthday=birthday,
                    email=f"{_ascii(person).replace(' ', '.').lower()}@{domain}",
                    phone=f"+44 7{rng.randint(100, 999)} {rng.randint(100000, 999999)}")))
            planned.append((moment, owner, stage, dict(
                kind=CustomerKind.COMPANY, name=name, email=f"office@{domain}",
                phone=f"+44 20 7{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                contract_end_date=self.dated_fields()[1]), contacts))
        while len(planned) + sum(len(p[4]) for p in planned) < 300:
            person, (birthday, contract) = self.person_name(), self.dated_fields()
            owner = rng.choice(self.sellers)
            planned.append((self.came_in(owner, latest=self.days), owner, rng.choice(STAGES), dict(
                kind=CustomerKind.PERSON, name=person, birthday=birthday, contract_end_date=contract,
                email=f"{_ascii(person).replace(' ', '.').lower()}@mail.example.com" if rng.random() < 0.85 else "",
                phone=f"+48 {rng.randint(500, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}"), []))
        rows = []
        for moment, owner, stage, fields, contacts in planned:
            company = len(rows)
            rows.append((moment, owner, stage, fields, None))
            rows.extend((when, owner, stage, contact, company) for when, contact in contacts)
        made: dict[int, Customer] = {}
        for n in sorted(range(len(rows)), key=lambda n: rows[n][0]):
            moment, owner, stage, fields, company = rows[n]
            if company is None:
                made[n] = self.create(moment, owner, stage, **fields)
            else:  # a contact takes the company's stage of today and does not move
                with clock_at(moment):
                    made[n] = customer_create(actor=owner, stage=stage, owner_id=owner.pk,
                                              company_id=made[company].pk, **fields)
        return [made[n] for n in range(len(rows))]


def customers(story: Story, users: list[User], *, since: dt.datetime) -> list[Customer]:
    return _Customers(story, users, since=since).all()

