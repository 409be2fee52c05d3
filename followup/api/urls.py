from django.urls import path

from followup.api.api import api

urlpatterns = [path("", api.urls)]
