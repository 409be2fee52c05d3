from django.urls import path

from followup.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.reminder_list, name="list"),
    path("new/", views.reminder_create, name="new"),
    path("on/<str:target_type>/<int:target_id>/", views.reminders_on_object, name="on_object"),
    path("<int:reminder_id>/deactivate/", views.reminder_deactivate, name="deactivate"),
    path("<int:reminder_id>/reschedule/", views.reminder_reschedule, name="reschedule"),
]
