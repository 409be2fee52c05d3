from django.urls import path

from followup.tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("new/", views.task_new, name="new"),
    path("bulk/", views.tasks_bulk, name="bulk"),
    path("badge/", views.badge, name="badge"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/edit/", views.task_edit, name="edit"),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/subtasks/", views.subtask_add, name="subtask_add"),
    path("<int:pk>/complete/", views.task_complete, name="complete"),
    path("<int:pk>/reopen/", views.task_reopen, name="reopen"),
    path("<int:pk>/status/", views.task_set_status, name="status"),
    path("<int:pk>/reassign/", views.task_reassign, name="reassign"),
    path("<int:pk>/delete/", views.task_delete, name="delete"),
    path("<str:view>/", views.task_list, name="view"),
]
