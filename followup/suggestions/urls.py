from django.urls import path

from followup.suggestions import views

app_name = "suggestions"
urlpatterns = [
    path("settings/", views.next_tasks, name="settings"),
    path("settings/<int:type_id>/", views.next_task_change, name="setting"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/dismiss/", views.dismiss, name="dismiss"),
]
