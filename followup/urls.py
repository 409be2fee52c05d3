"""URL map: the web UI per app, the REST API under /api/v1/, Django admin under /admin/; errors
that nothing else handled answer through ``followup.core.errors`` (503 while the database is away)."""

from django.contrib import admin
from django.urls import include, path

from followup.setup.views.welcome import invitation
from followup.sync.views import service_worker

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sw.js", service_worker, name="service_worker"),  # A2: at the root, to control every page
    path("", include("followup.accounts.urls")),
    path("", include("followup.sharing.urls")),
    path("customers/", include("followup.customers.urls")),
    path("tasks/", include("followup.tasks.urls")),
    path("tasks/", include("followup.recurrence.urls")),
    path("memos/", include("followup.memos.urls")),
    path("projects/", include("followup.projects.urls")),
    path("deals/", include("followup.deals.urls")),
    path("notifications/", include("followup.notifications.urls")),
    path("chat/", include("followup.chat.urls")),
    path("reminders/", include("followup.reminders.urls")),
    path("calendar/", include("followup.calendars.urls")),
    path("automation/forms/", include("followup.intake.urls")),
    path("automation/templates/", include("followup.tasktemplates.urls")),
    path("automation/date-triggers/", include("followup.datetriggers.urls")),
    path("automation/escalations/", include("followup.escalations.urls")),
    path("settings/", include("followup.setup.urls")),
    path("welcome/<uidb64>/<token>/", invitation, name="invitation_accept"),
    path("automation/", include("followup.automation.urls")),
    path("suggestions/", include("followup.suggestions.urls")),
    path("communications/", include("followup.communications.urls")),
    path("api/v1/", include("followup.api.urls")),
    path("", include("followup.intake.urls_public")),  # /f/<slug>: public forms (D9)
]

handler500 = "followup.core.errors.server_error"
