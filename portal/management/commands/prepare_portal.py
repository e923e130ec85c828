from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.appdiscovery import app_modules


class Command(BaseCommand):
    help = "What `make run` does after migrating: each app's start-up step, then the demo data, then the logins."

    def handle(self, *args, **options):
        for module in app_modules("bootstrap"):
            module.bootstrap(stdout=self.stdout)
        call_command("seed_demo", stdout=self.stdout)
        from portal.accounts.demo import print_logins

        print_logins(self.stdout)
