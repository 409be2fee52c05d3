from django.urls import path

from followup.memos import views

app_name = "memos"
urlpatterns = [
    path("", views.memo_list, name="list"),
    path("new/", views.memo_new, name="new"),
    path("recipients/", views.recipient_choices, name="recipients"),
    path("<int:pk>/", views.memo_detail, name="detail"),
    path("<int:pk>/edit/", views.memo_edit, name="edit"),
    path("<int:pk>/send/", views.memo_send, name="send"),
    path("<int:pk>/review/", views.memo_review, name="review"),
    path("<int:pk>/postpone/", views.memo_postpone, name="postpone"),
    path("<int:pk>/task/", views.memo_make_task, name="make_task"),
    path("<int:pk>/project/", views.memo_make_project, name="make_project"),
]
