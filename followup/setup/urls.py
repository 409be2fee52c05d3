from django.urls import path, re_path

from followup.setup.views import general, groups, people, processes, task_config

app_name = "setup"

urlpatterns = [
    path("", general.general, name="general"),
    re_path(r"^switch/(?P<name>tasks_enabled|statuses_enabled)/$", general.switch, name="switch"),
    path("time-zone/", general.time_zone, name="time_zone"),
    path("people/", people.people, name="people"),
    path("people/<int:user_id>/", people.person, name="person"),
    path("people/<int:user_id>/resend/", people.person_resend, name="person_resend"),
    path("people/<int:user_id>/deactivate/", people.person_deactivate_view, name="person_deactivate"),
    path("people/<int:user_id>/reactivate/", people.person_reactivate, name="person_reactivate"),
    path("departments/", groups.departments, name="departments"),
    path("departments/<int:department_id>/", groups.department, name="department"),
    path("departments/<int:pk>/delete/", groups.department_delete, name="department_delete"),
    path("teams/", groups.teams, name="teams"),
    path("teams/<int:team_id>/", groups.team, name="team"),
    path("teams/<int:pk>/delete/", groups.team_delete, name="team_delete"),
    path("task-types/", task_config.task_types, name="task_types"),
    path("task-types/<int:type_id>/", task_config.task_type_change, name="task_type"),
    path("task-statuses/", task_config.task_statuses, name="task_statuses"),
    path("task-statuses/<int:status_id>/", task_config.task_status_change, name="task_status"),
    path("task-statuses/<int:status_id>/move/", task_config.task_status_replace_view, name="task_status_replace"),
    path("task-statuses/moves/", task_config.status_moves, name="status_moves"),
    path("sales-processes/", processes.processes, name="processes"),
    path("sales-processes/<int:process_id>/", processes.process, name="process"),
    path("sales-processes/<int:pk>/delete/", processes.process_delete, name="process_delete"),
    path("stages/<int:stage_id>/", processes.stage_change, name="stage"),
]
