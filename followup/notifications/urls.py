from django.urls import path

from followup.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("dot/", views.unread_dot, name="dot"),
    path("read/", views.notifications_read, name="read"),
    path("<int:notification_id>/open/", views.notification_open, name="open"),
    path("settings/", views.email_settings, name="settings"),
]
