"""What forms tell the apps below: how to name the origin of the tasks they make."""

from django.utils.translation import gettext as _

from followup.intake.models import Form
from followup.tasks import origins
from followup.tasks.models import Source


def describe_form(form_id: int) -> str | None:
    name = Form.objects.filter(pk=form_id).values_list("name", flat=True).first()
    return _("Created by the form “%(name)s”") % {"name": name} if name is not None else None


def connect() -> None:
    origins.register(Source.FORM, describe_form)
