from django.urls import path

from followup.deals import views

app_name = "deals"
urlpatterns = [
    path("", views.deal_list, name="list"),
    path("stages/", views.stage_options, name="stages"),
    path("<int:pk>/", views.deal_detail, name="detail"),
    path("<int:pk>/edit/", views.deal_edit, name="edit"),
    path("<int:pk>/stage/", views.deal_stage, name="stage"),
    path("<int:pk>/won/", views.deal_won, name="won"),
    path("<int:pk>/lost/", views.deal_lost, name="lost"),
    path("<int:pk>/reopen/", views.deal_reopen, name="reopen"),
]
