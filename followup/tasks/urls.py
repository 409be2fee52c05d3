from django.urls import path

from followup.tasks.views import actions, detail, editing, lists

app_name = "tasks"
urlpatterns = [
    path("", lists.task_list, name="list"),
    path("new/", editing.task_new, name="new"),
    path("bulk/", lists.tasks_bulk, name="bulk"),
    path("badge/", lists.badge, name="badge"),
    path("reassign-dialog/", lists.reassign_dialog, name="reassign_dialog"),
    path("<int:pk>/", detail.task_detail, name="detail"),
    path("<int:pk>/edit/", editing.task_edit, name="edit"),
    path("<int:pk>/notes/", detail.note_add, name="note_add"),
    path("<int:pk>/subtasks/", detail.subtask_add, name="subtask_add"),
    path("<int:pk>/complete/", actions.task_complete, name="complete"),
    path("<int:pk>/reopen/", actions.task_reopen, name="reopen"),
    path("<int:pk>/status/", actions.task_set_status, name="status"),
    path("<int:pk>/reassign/", actions.task_reassign, name="reassign"),
    path("<int:pk>/reschedule/", actions.task_reschedule_view, name="reschedule"),
    path("<int:pk>/delete/", actions.task_delete, name="delete"),
    path("<str:view>/", lists.task_list, name="view"),
]
