"""The demo's deals and collaboration: sixteen deals that moved through the sales process over
the quarter (the won ones to its last stage, the lost ones somewhere on the way), each in its
customer's currency; memos, a project with tasks, chat messages and reminders, so every
collaboration page has something to show, at the times it happened."""

import datetime as dt

from followup.accounts.models import Organization, User
from followup.chat.services import message_post
from followup.customers.models import Customer
from followup.deals.services import (
    deal_create,
    deal_mark_lost,
    deal_mark_won,
    deal_set_stage,
    sales_process_first,
)
from followup.devtools.demo.story import Story
from followup.devtools.names import DEAL_TITLES
from followup.memos.services import memo_create, memo_review, memo_task_create
from followup.projects.services import project_create, project_task_create
from followup.reminders.services import reminder_create
from followup.tasks.services import task_complete

AMOUNTS_EUR = [1200, 4800, 9500, 18000, 42000]
RATES = {"EUR": 1, "PLN": 4.3, "GBP": 0.85}  # near enough, for made-up amounts
FATES = ["won"] * 4 + ["lost"] * 3 + ["open"] * 9


def currency_of(customer: Customer) -> str:
    """Polish customers pay in złoty, British ones in pounds, the rest in euro."""
    return {"+48": "PLN", "+44": "GBP"}.get(customer.phone[:3], "EUR")


class _Deal:
    def __init__(self, story: Story, seller: User, created: dt.datetime):
        self.story, self.seller, self.created, self.deal = story, seller, created, None

    def then(self, moment: dt.datetime, service, **fields) -> None:
        self.story.at(moment, lambda: service(actor=self.seller, deal_id=self.deal.pk, **fields))


def deals(story: Story, org: Organization, users: list[User], customers: list[Customer]) -> list[_Deal]:
    """Open deals at every stage; won deals went through every stage to the last; lost ones were
    lost after qualification, before the last stage."""
    rng = story.rng
    stages = sales_process_first(org.pk).stages
    sellers = [u for u in users if u.department and u.department.name == "Sales"]
    fates = list(FATES)
    rng.shuffle(fates)
    made = []
    for i, fate in enumerate(fates):
        seller = rng.choice(sellers)
        target = {"won": len(stages) - 1, "lost": rng.randint(1, len(stages) - 2)}.get(fate, i % len(stages))
        gaps = [rng.randint(3, 12) for _ in range(target + (fate != "open"))]
        created = story.days_ago(rng.randint(sum(gaps) + 2, max(sum(gaps) + 3, 95)), seller.time_zone)
        plan = _Deal(story, seller, created)
        customer = rng.choice([c for c in customers if c.created_at < created - dt.timedelta(days=1)] or customers)
        currency = currency_of(customer)
        amount = round(rng.choice(AMOUNTS_EUR) * RATES[currency], -2)
        title = DEAL_TITLES[i % len(DEAL_TITLES)]

        def create(plan=plan, customer=customer, title=title, amount=amount, currency=currency):
            plan.deal = deal_create(actor=plan.seller, customer_id=customer.pk, title=title, amount=amount,
                                    currency=currency)
        story.at(created, create)
        moment = created
        for stage, gap in zip(stages[1:target + 1], gaps, strict=False):
            moment = story.after(moment, seller.time_zone, days=(gap, gap))
            plan.then(moment, deal_set_stage, stage=stage)
        if fate != "open":
            moment = story.after(moment, seller.time_zone, days=(gaps[-1], gaps[-1]))
            plan.then(moment, deal_mark_won if fate == "won" else deal_mark_lost)
        made.append(plan)
    return made


def collaboration(story: Story, people: dict[str, User], customers: list[Customer], deals: list[_Deal]) -> None:
    """Memos (a draft, a sent one, one from a deal that became a task), a project with tasks,
    chat messages and reminders."""
    anna, tomasz, james, demo = people["anna"], people["tomasz"], people["james"], people["demo"]
    story.at(story.days_ago(1, anna.time_zone), lambda: memo_create(
        actor=anna, title="Discount policy for returning customers", recipient_id=tomasz.pk,
        body="Draft: thoughts on a 5% loyalty discount."))
    story.at(story.days_ago(18, anna.time_zone), lambda: memo_create(
        actor=anna, title="Trade fair in spring", recipient_id=tomasz.pk, subscriber_ids=[james.pk], send=True,
        body="Shall we book a stand? The early-bird price ends on Friday."))

    plan = next((d for d in deals if d.seller.pk == james.pk), deals[0])
    box = {}
    sent = max(story.days_ago(6, plan.seller.time_zone), story.after(plan.created, plan.seller.time_zone, (0, 1)))

    def send_memo():
        box["memo"] = memo_create(actor=plan.seller, title=f"Approval needed: {plan.deal.title}",
                                  recipient_id=demo.pk, send=True, deal_id=plan.deal.pk,
                                  body="The customer asks for 12% off. I suggest 8% with a two-year term.")
    story.at(sent, send_memo)
    reviewed = story.after(sent, demo.time_zone, days=(1, 1))
    story.at(reviewed, lambda: memo_review(actor=demo, memo_id=box["memo"].pk))

    def task_from_memo():
        box["task"] = memo_task_create(actor=demo, memo_id=box["memo"].pk, assignee_ids=[plan.seller.pk],
                                       title=f"Send the revised offer: {plan.deal.title}",
                                       due_date=reviewed.date() + dt.timedelta(days=2))
    asked = story.after(reviewed, demo.time_zone, days=(0, 0))
    story.at(asked, task_from_memo)
    story.at(story.after(asked, plan.seller.time_zone, days=(1, 2)),
             lambda: task_complete(actor=plan.seller, task_id=box["task"].pk))
    story.at(story.after(sent, plan.seller.time_zone, days=(1, 2)), lambda: message_post(
        actor=plan.seller, kind="deal", object_id=plan.deal.pk,
        body="They liked the two-year option. Waiting for their purchasing department."))

    _project(story, tomasz, [anna, james, anna, james], customers[:4])
    now = story.now
    story.at(now - dt.timedelta(minutes=40), lambda: reminder_create(
        actor=demo, target_type="memo", target_id=box["memo"].pk, note="Check the offer went out",
        remind_at=now + dt.timedelta(days=1, hours=2)))
    story.at(now - dt.timedelta(minutes=25), lambda: reminder_create(
        actor=demo, target_type="customer", target_id=customers[0].pk, note="Ask about the renewal",
        remind_at=now + dt.timedelta(hours=3)))


def _project(story: Story, owner: User, people: list[User], customers: list[Customer]) -> None:
    """A project started a fortnight ago with a call a week per customer; the first two are done."""
    created = story.days_ago(16, owner.time_zone)
    box = {}
    story.at(created, lambda: box.update(project=project_create(
        actor=owner, name="Key accounts: spring review", member_ids=sorted({p.pk for p in people}),
        description="Visit or call every key account before the end of the quarter.")))
    for n, (who, customer) in enumerate(zip(people, customers, strict=True)):
        due = created.date() + dt.timedelta(days=5 + 7 * n)

        def add(n=n, who=who, customer=customer, due=due):
            box[n] = project_task_create(actor=owner, project_id=box["project"].pk, due_date=due,
                                         title=f"Review call: {customer.name}", assignee_ids=[who.pk],
                                         customer_id=customer.pk)
        story.at(created + dt.timedelta(minutes=5 * (n + 1)), add)
        if due < story.now.date() - dt.timedelta(days=1):
            story.at(story.at_work(due, who.time_zone),
                     lambda n=n, who=who: task_complete(actor=who, task_id=box[n].pk))
    story.at(story.after(created, owner.time_zone, days=(0, 0)), lambda: message_post(
        actor=owner, kind="project", object_id=box["project"].pk,
        body="Please add what you learn on each call as a note on its task."))
    story.at(story.after(created, people[0].time_zone, days=(1, 1)), lambda: message_post(
        actor=people[0], kind="project", object_id=box["project"].pk, body="Will do. First two calls are booked."))
