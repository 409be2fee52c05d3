from django.urls import path

from followup.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.reminder_list, name="list"),
    path("new/", views.reminder_create, name="new"),
    path("<int:reminder_id>/deactivate/", views.reminder_deactivate, name="deactivate"),
]
