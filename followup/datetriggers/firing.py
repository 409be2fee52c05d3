"""A1: a trigger's run. It finds the customers whose date falls on the occurrences due (one
indexed query), claims each (trigger, customer, occurrence) with ``INSERT ... SELECT ... ON
CONFLICT DO NOTHING`` and makes the tasks of exactly the claimed ones, set-based
(``followup.tasks.bulk_create``), all in one transaction.

So two runs at once make each task once (the second's insert finds the first's rows and
claims nothing), a run twice in a row makes nothing the second time, and a run after days of
downtime covers every trigger day since the last run (``checked_through``). Days are those of
the organization's time zone. A birthday on 29 February fires on 28 February in other years.
"""

import calendar
import datetime as dt
import logging
import zoneinfo
from functools import reduce
from operator import or_

from django.db import DatabaseError, connection, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models import DateField as DateColumn
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.automation.assignment import assign
from followup.core.text import lazy_format
from followup.customers.models import Customer
from followup.datetriggers.models import DateTrigger, TriggerFire, TriggerRun
from followup.tasks.bulk_create import Blueprint, tasks_create_for_customers
from followup.tasks.models import Source

logger = logging.getLogger("followup.datetriggers")
CATCH_UP_DAYS = 364  # a run never reaches further back than this (each month-day once)
ONE_DAY = dt.timedelta(days=1)


def org_today(trigger: DateTrigger, *, now: dt.datetime | None = None) -> dt.date:
    """Today in the trigger's organization's time zone."""
    zone = zoneinfo.ZoneInfo(trigger.organization.time_zone or "UTC")
    return (now or timezone.now()).astimezone(zone).date()


def _yearly_match(field: str, first: dt.date, last: dt.date) -> tuple[Q, Case]:
    """The birthdays (any year) on the days ``first``..``last``, and which day each falls on."""
    whens, day = [], first
    while day <= last:
        whens.append(When(Q(**{f"{field}__month": day.month, f"{field}__day": day.day}), then=Value(day)))
        if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
            whens.append(When(Q(**{f"{field}__month": 2, f"{field}__day": 29}), then=Value(day)))
        day += ONE_DAY
    return reduce(or_, (w.condition for w in whens)), Case(*whens, output_field=DateColumn())


def occurrences(trigger: DateTrigger, first: dt.date, last: dt.date) -> QuerySet[Customer]:
    """The trigger's customers with an occurrence from ``first`` to ``last`` (at most a year),
    each annotated with it (``occurrence``)."""
    field = trigger.field
    customers = Customer.objects.filter(organization_id=trigger.organization_id, **{f"{field}__isnull": False})
    if not trigger.yearly:
        return customers.filter(**{f"{field}__range": (first, last)}).annotate(occurrence=F(field))
    match, occurrence = _yearly_match(field, first, last)
    return customers.filter(match).annotate(occurrence=occurrence)


def _claim(trigger: DateTrigger, run: TriggerRun, first: dt.date, last: dt.date) -> int:
    """Record the occurrences no run has acted on yet as this run's; returns how many. A yearly
    trigger claims day by day (each an indexed look-up of one month and day: a year of catching
    up stays as cheap per day as a day's run), a one-off date in one range."""
    if not trigger.yearly:
        return _claim_range(trigger, run, first, last)
    claimed, day = 0, first
    while day <= last:
        claimed += _claim_range(trigger, run, day, day)
        day += ONE_DAY
    return claimed


def _claim_range(trigger: DateTrigger, run: TriggerRun, first: dt.date, last: dt.date) -> int:
    source, params = occurrences(trigger, first, last).values(cid=F("pk"), day=F("occurrence")).query.sql_with_params()
    qn = connection.ops.quote_name
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {qn(TriggerFire._meta.db_table)} (trigger_id, run_id, customer_id, occurrence, created_at)"
            f" SELECT %s, %s, s.cid, s.day, %s FROM ({source}) s WHERE 1 = 1"
            " ON CONFLICT (trigger_id, customer_id, occurrence) DO NOTHING",
            [trigger.pk, run.pk, now, *params],
        )
        return cursor.rowcount


def _make_tasks(trigger: DateTrigger, run: TriggerRun, today: dt.date) -> None:
    rows = list(Customer.objects.filter(date_fires__run=run).order_by("pk").values_list("pk", "owner_id"))
    pairs = assign(trigger, organization_id=trigger.organization_id, customers=rows)
    tasks_create_for_customers(
        actor=trigger.author, pairs=pairs, source=Source.DATE_TRIGGER, origin_id=trigger.pk,
        origin_label=lazy_format(gettext_lazy("The date trigger “%(name)s”"), name=trigger.name),
        blueprint=Blueprint(title=trigger.title, due_date=today, priority=trigger.priority,
                            type_id=trigger.task_type_id, description=trigger.description),
    )


def trigger_fire(trigger: DateTrigger, *, first: dt.date, last: dt.date, kind: str, today: dt.date) -> TriggerRun:
    """Act on the occurrences from ``first`` to ``last``: each new one gets its task, due
    ``today``. The run is logged, a failure too (its tasks then roll back)."""
    started = timezone.now()
    log = {"trigger": trigger, "kind": kind, "first_occurrence": first, "last_occurrence": last,
           "started_at": started}
    if trigger.author is None or not trigger.author.is_active:
        return TriggerRun.objects.create(**log, finished_at=started, error=_(
            "The trigger's author is no longer active: give the trigger to someone else."))
    try:
        with transaction.atomic():
            run = TriggerRun.objects.create(**log)
            run.made = _claim(trigger, run, first, last) if first <= last else 0
            if run.made:
                _make_tasks(trigger, run, today)
            run.finished_at = timezone.now()
            if run.made or kind == TriggerRun.Kind.MANUAL:
                run.save(update_fields=["made", "finished_at"])
            else:  # a scheduled run that found nothing (most of the 96 a day) leaves no log row
                run.delete()
    except DatabaseError as exc:
        logger.exception("date trigger %s failed", trigger.pk)
        return TriggerRun.objects.create(**log, finished_at=timezone.now(), error=str(exc)[:2000])
    return run


def trigger_run_scheduled(trigger: DateTrigger, *, now: dt.datetime | None = None) -> TriggerRun:
    """The scheduler's run: every trigger day from the last one covered (or the day the trigger
    was made) to today, so days missed while nothing ran are made up, once."""
    today = org_today(trigger, now=now)
    made_on = org_today(trigger, now=trigger.created_at)
    start = max(trigger.checked_through or made_on, today - dt.timedelta(days=CATCH_UP_DAYS))
    ahead = dt.timedelta(days=trigger.days_before)
    run = trigger_fire(trigger, first=start + ahead, last=today + ahead, kind=TriggerRun.Kind.SCHEDULED, today=today)
    if not run.error:
        DateTrigger.objects.filter(pk=trigger.pk).update(checked_through=today)
    return run


def triggers_run_all(*, now: dt.datetime | None = None) -> int:
    """Every active trigger of every organization; returns how many tasks were made."""
    made = 0
    for trigger in DateTrigger.objects.filter(is_active=True).select_related("organization", "author").order_by("pk"):
        made += trigger_run_scheduled(trigger, now=now).made
    return made


def _passed_range(trigger: DateTrigger, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The occurrences still ahead whose trigger day has passed (today .. today + N - 1)."""
    if trigger.days_before == 0:
        return None
    return today, today + dt.timedelta(days=trigger.days_before - 1)


def passed_unfired(trigger: DateTrigger, *, now: dt.datetime | None = None) -> QuerySet[Customer]:
    """The preview: occurrences whose trigger day passed (before the trigger was made or the
    date set) and that no run acted on; ``trigger_create_passed`` makes their tasks."""
    window = _passed_range(trigger, org_today(trigger, now=now))
    if window is None:
        return Customer.objects.none()
    fired = TriggerFire.objects.filter(trigger=trigger, customer=OuterRef("pk"), occurrence=OuterRef("occurrence"))
    return occurrences(trigger, *window).exclude(Exists(fired)).order_by("occurrence", "name", "pk")


def trigger_create_passed(trigger: DateTrigger, *, now: dt.datetime | None = None) -> TriggerRun:
    """The preview's "create them": the tasks of the passed occurrences, once."""
    today = org_today(trigger, now=now)
    window = _passed_range(trigger, today) or (today, today - ONE_DAY)
    return trigger_fire(trigger, first=window[0], last=window[1], kind=TriggerRun.Kind.MANUAL, today=today)
