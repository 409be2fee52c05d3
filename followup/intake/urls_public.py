from django.urls import path

from followup.intake import public

urlpatterns = [
    path("f/<slug:slug>", public.form_page, name="form_public"),
    path("f/<slug:slug>/thanks", public.form_thanks, name="form_thanks"),
]
