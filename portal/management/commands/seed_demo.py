from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.common.appdiscovery import app_modules
from portal.common.demo_guard import DemoNotAllowed, require_demo_allowed


class Command(BaseCommand):
    help = ("Load the demo data of every app (fictitious companies, phases, one login per role). Idempotent. "
            "Development only: refused where the settings do not allow demo data (production).")

    def handle(self, *args, **options):
        try:
            require_demo_allowed("manage.py seed_demo")
            with transaction.atomic():
                for module in app_modules("demo"):
                    module.seed(stdout=self.stdout)
        except DemoNotAllowed as refusal:
            raise CommandError(str(refusal)) from None
