"""``followup token <username> <name>``: make a personal access token for the REST API."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.accounts.services import api_token_create
from followup.core.exceptions import FieldErrors


class Command(BaseCommand):
    help = _(
        "Create a personal access token for the REST API (/api/v1/) and print it. "
        "Scripts and the mobile app send it as the header 'Authorization: Bearer <token>' and act "
        "as that user, seeing exactly what the user sees. Only a hash is stored: copy the token now, "
        "it cannot be shown again. Example: followup token alice 'phone app'"
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help=_("The user the token acts as (their login name)."))
        parser.add_argument(
            "name", help=_("A label so you can tell your tokens apart later, e.g. 'phone app' or 'CRM sync'."),
        )

    def handle(self, *args, username: str, name: str, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("No active user is called %(u)s.") % {"u": username})
        if user.organization_id is None:
            raise CommandError(
                _("%(u)s belongs to no organization, so the API has nothing for them.") % {"u": username}
            )
        try:
            _token, raw = api_token_create(user=user, name=name)
        except FieldErrors as exc:
            raise CommandError(" ".join(m for messages in exc.errors.values() for m in messages)) from None
        self.stderr.write(_("Token '%(n)s' for %(u)s (shown once, keep it secret):") % {"n": name, "u": username})
        self.stdout.write(raw)
