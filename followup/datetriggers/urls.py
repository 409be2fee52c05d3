from django.urls import path

from followup.datetriggers import views

app_name = "datetriggers"
urlpatterns = [
    path("", views.trigger_list, name="list"),
    path("new/", views.trigger_new, name="new"),
    path("<int:pk>/", views.trigger_detail, name="detail"),
    path("<int:pk>/edit/", views.trigger_edit, name="edit"),
    path("<int:pk>/create-passed/", views.trigger_passed, name="create_passed"),
    path("<int:pk>/delete/", views.trigger_delete, name="delete"),
]
