from django.urls import path

from followup.escalations import views

app_name = "escalations"
urlpatterns = [
    path("", views.escalation_list, name="list"),
    path("<int:pk>/delete/", views.escalation_delete, name="delete"),
]
