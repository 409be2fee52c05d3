from django.urls import path

from followup.calendars import views

app_name = "calendars"
urlpatterns = [
    path("", views.calendar_page, name="page"),
]
