from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from portal.appdiscovery import app_modules


class Command(BaseCommand):
    help = "What `make run` does after migrating: each app's start-up step, then the demo data, then the logins."

    def handle(self, *args, **options):
        for module in app_modules("bootstrap"):
            module.bootstrap(stdout=self.stdout)
        # The demo's applications, reviews and letter would each mail their people (dozens of mails,
        # printed by the console backend of `make run`); loading demo data informs nobody.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            call_command("seed_demo", stdout=self.stdout)
        from portal.accounts.demo import print_logins

        print_logins(self.stdout)
