from django.urls import path

from followup.customers import views

app_name = "customers"
urlpatterns = [
    path("", views.customer_list, name="list"),
    path("new/", views.customer_new, name="new"),
    path("choices/", views.customer_choices, name="choices"),
    path("move-to-stage/", views.customer_bulk_stage, name="bulk_stage"),
    path("<int:pk>/", views.customer_detail, name="detail"),
    path("<int:pk>/history/", views.customer_history, name="history"),
    path("<int:pk>/edit/", views.customer_edit, name="edit"),
]
