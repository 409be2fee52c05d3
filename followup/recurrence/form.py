"""B3: the Repeat control of the New Task and edit forms (a ``tasks.extensions`` section).

None/daily/weekly/monthly/yearly, every N, the weekdays of a weekly rule, and the end (never,
on a date, after N times); on the edit page of a repeating task, whether the change is for this
task only or for this and the following ones ("this and following" splits the series).
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.core.dates import DateError, parse_date
from followup.core.exceptions import FieldErrors
from followup.recurrence import services
from followup.recurrence.rules import WEEKDAYS, Choice
from followup.recurrence.selectors import task_repetition
from followup.tasks.extensions import FormSection

FREQUENCIES = (
    ("", gettext_lazy("Does not repeat")), ("DAILY", gettext_lazy("Daily")), ("WEEKLY", gettext_lazy("Weekly")),
    ("MONTHLY", gettext_lazy("Monthly")), ("YEARLY", gettext_lazy("Yearly")),
)
DAY_LABELS = (gettext_lazy("Mon"), gettext_lazy("Tue"), gettext_lazy("Wed"), gettext_lazy("Thu"),
              gettext_lazy("Fri"), gettext_lazy("Sat"), gettext_lazy("Sun"))
MAX_EVERY, MAX_COUNT = 99, 999


@dataclass(frozen=True)
class Repeat:
    rrule: str  # "" for no repetition
    following: bool  # the edit applies to this and the following occurrences


def _number(data, name: str, maximum: int, errors: dict) -> int | None:
    raw = (data.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        errors[name] = [_("Enter a whole number from 1 to %(max)s.") % {"max": maximum}]
        return None
    return int(raw)


def _choice(data) -> Choice:
    errors: dict[str, list[str]] = {}
    freq = data.get("repeat", "")
    if freq not in dict(FREQUENCIES):
        errors["repeat"] = [_("Choose how the task repeats.")]
    choice = Choice(freq=freq if "repeat" not in errors else "",
                    interval=_number(data, "repeat_every", MAX_EVERY, errors) or 1,
                    days=tuple(d for d in data.getlist("repeat_days") if d in WEEKDAYS))
    ends = data.get("repeat_ends", "never")
    if freq and ends == "until":
        try:
            choice.until = parse_date(data.get("repeat_until"))
        except DateError as exc:
            errors["repeat_until"] = [str(exc)]
        if choice.until is None and "repeat_until" not in errors:
            errors["repeat_until"] = [_("Choose the last day it repeats.")]
    elif freq and ends == "count":
        choice.count = _number(data, "repeat_count", MAX_COUNT, errors)
        if choice.count is None and "repeat_count" not in errors:
            errors["repeat_count"] = [_("Say how many times it happens.")]
    if errors:
        raise FieldErrors(errors)
    return choice


def clean(request, *, task, data) -> Repeat:
    choice = _choice(data)
    following = data.get("repeat_scope") == "following"
    repetition = task_repetition(task.pk) if task is not None else None
    if repetition is not None and repetition.is_live and not following:
        if choice.rrule() != Choice.of(repetition.series.rrule).rrule():
            raise FieldErrors.single("repeat", _("To change how the task repeats, apply the change to this and "
                                                 "the following tasks."))
    return Repeat(rrule=choice.rrule(), following=following)


def save(request, *, task, cleaned: Repeat) -> None:
    """New task: start a series. Edit: "this and following" starts the new rule from this task
    (or stops repeating); a task that does not repeat (or whose series stopped) starts one."""
    repetition = task_repetition(task.pk)
    live = repetition is not None and repetition.is_live
    if not live:
        if cleaned.rrule:
            services.series_split(actor=request.user, task_id=task.pk, rrule=cleaned.rrule)
    elif cleaned.following:
        if cleaned.rrule:
            services.series_split(actor=request.user, task_id=task.pk, rrule=cleaned.rrule)
        else:
            services.series_stop(actor=request.user, task_id=task.pk)


def render(request, *, task, data, errors) -> str:
    repetition = task_repetition(task.pk) if task is not None else None
    live = repetition is not None and repetition.is_live
    if data is not None:
        values = {"repeat": data.get("repeat", ""), "every": data.get("repeat_every", ""),
                  "days": data.getlist("repeat_days"), "ends": data.get("repeat_ends", "never"),
                  "until": data.get("repeat_until", ""), "count": data.get("repeat_count", ""),
                  "scope": data.get("repeat_scope", "this")}
    else:
        choice = Choice.of(repetition.series.rrule) if live else Choice()
        values = {"repeat": choice.freq, "every": str(choice.interval) if choice.freq else "",
                  "days": list(choice.days), "until": choice.until or "", "count": choice.count or "",
                  "ends": "until" if choice.until else "count" if choice.count else "never", "scope": "this"}
    return render_to_string("recurrence/_repeat_fields.html", {
        "values": values, "errors": errors, "frequencies": FREQUENCIES,
        "weekdays": list(zip(WEEKDAYS, DAY_LABELS, strict=True)), "repeating": live,
        "words": repetition.words if live else "",
    }, request=request)


SECTION = FormSection(render=render, clean=clean, save=save)
