"""The calendar page (L9). It is a frame: the vendored EventCalendar widget, started by
``static/followup/calendar.js``, reads its events from ``/api/v1/calendar/events`` and moves
tasks through ``/api/v1/calendar/tasks/<id>/move`` with the browser session (no inline script:
the page passes URLs and words in data attributes)."""

from django.shortcuts import render
from django.urls import reverse

from followup.calendars.access import people_to_choose
from followup.tasks.views.common import task_module

COLOURS = 8  # calendar.css has a colour per person for this many; then they repeat


@task_module
def calendar_page(request):
    people = [{"user": user, "colour": i % COLOURS, "shown": user.pk == request.user.pk}
              for i, user in enumerate(people_to_choose(request.user))]
    return render(request, "calendars/calendar.html", {
        "people": people,
        "events_url": reverse("api:calendar_events"),
        "move_url": reverse("api:calendar_move", args=[0]),
    })
