from django.urls import path

from followup.communications import views

app_name = "communications"
urlpatterns = [
    path("tasks/<int:pk>/log/", views.log, name="log"),
]
