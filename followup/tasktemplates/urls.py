from django.urls import path

from followup.tasktemplates import views

app_name = "tasktemplates"
urlpatterns = [
    path("", views.template_list, name="list"),
    path("new/", views.template_new, name="new"),
    path("<int:pk>/", views.template_edit, name="edit"),
    path("<int:pk>/delete/", views.template_delete, name="delete"),
    path("apply/", views.apply, name="apply"),
    path("apply/choices/", views.choices, name="choices"),
    path("sales-processes/<int:process_id>/", views.post_sale, name="post_sale"),
]
