from django.urls import path

from followup.chat import views

app_name = "chat"
urlpatterns = [
    path("attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("<str:kind>/<int:object_id>/", views.thread, name="thread"),
    path("<str:kind>/<int:object_id>/post/", views.post, name="post"),
]
