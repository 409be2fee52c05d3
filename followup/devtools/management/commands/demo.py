"""``followup demo``: load the demo organization (once) and print how to log in."""

from django.core.management.base import BaseCommand

from followup.devtools.demo import demo_create, login_lines


class Command(BaseCommand):
    help = (
        "Create the organization 'Demo Company' with departments, 12 users of every role, about 300 "
        "customers and a few hundred tasks, then print the demo logins. Running it again changes nothing "
        "and just prints the logins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default=None, help="The address printed in the login line.")

    def handle(self, *args, base_url=None, **options):
        result = demo_create()
        if result.created:
            self.stdout.write(self.style.SUCCESS("Demo data created: organization 'Demo Company'."))
        else:
            self.stdout.write("Demo data is already there.")
        for line in login_lines(base_url):
            self.stdout.write(line)
