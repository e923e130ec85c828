from django.core.management.base import BaseCommand
from django.db import transaction

from portal.appdiscovery import app_modules


class Command(BaseCommand):
    help = "Load the demo data of every app (fictitious companies, phases, one login per role). Idempotent."

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in app_modules("demo"):
                module.seed(stdout=self.stdout)
