from django.urls import path

from followup.sharing import views

app_name = "sharing"
urlpatterns = [
    path("profile/sharing/", views.sharing_page, name="page"),
    path("calendar-feeds/<str:token>/tasks.ics", views.feed_tasks, name="feed_tasks"),
    path("calendar-feeds/<str:token>/busy.ics", views.feed_busy, name="feed_busy"),
]
