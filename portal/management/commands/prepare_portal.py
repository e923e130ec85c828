from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from portal.accounts.demo import print_logins
from portal.common.appdiscovery import app_modules
from portal.common.demo_guard import DemoNotAllowed, require_demo_allowed


class Command(BaseCommand):
    help = ("What `make run` does after migrating: each app's start-up step, then the demo data, then the logins. "
            "Development only: refused where the settings do not allow demo data (production; see bootstrap_portal).")

    def handle(self, *args, **options):
        try:
            # Before any step: under production settings nothing at all is written.
            require_demo_allowed("manage.py prepare_portal")
            for module in app_modules("bootstrap"):
                module.bootstrap(stdout=self.stdout)
            # The demo's applications, reviews and letter would each mail their people (dozens of mails,
            # printed by the console backend of `make run`); loading demo data informs nobody.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                call_command("seed_demo", stdout=self.stdout)

            print_logins(self.stdout)
        except DemoNotAllowed as refusal:
            raise CommandError(str(refusal)) from None
