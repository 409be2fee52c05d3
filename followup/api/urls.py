from django.urls import path

from followup.api import counts
from followup.api.api import api

urlpatterns = [
    path("counts", counts.counts),  # issue 16 §5: before the Ninja operation of the same URL (OpenAPI)
    path("", api.urls),
]
