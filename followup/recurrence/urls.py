from django.urls import path

from followup.recurrence import views

app_name = "recurrence"
urlpatterns = [
    path("<int:pk>/stop-repeating/", views.stop, name="stop"),
]
