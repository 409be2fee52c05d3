from django.urls import path

from followup.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.form_list, name="forms"),
    path("new/", views.form_new, name="form_new"),
    path("<int:pk>/", views.form_submissions, name="submissions"),
    path("<int:pk>/edit/", views.form_edit, name="form_edit"),
    path("<int:pk>/delete/", views.form_delete, name="form_delete"),
]
