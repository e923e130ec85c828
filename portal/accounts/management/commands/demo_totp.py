from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.demo import DEMO_DEVICE_NAME
from portal.common.demo_guard import DemoNotAllowed, require_demo_allowed


class Command(BaseCommand):
    help = "DEMO ONLY: print the current authenticator code of a demo staff login (its key is published)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            require_demo_allowed("manage.py demo_totp")
        except DemoNotAllowed as refusal:
            raise CommandError(str(refusal)) from None
        device = TOTPDevice.objects.filter(user__username=username, user__is_demo=True, name=DEMO_DEVICE_NAME,
                                           confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} has no demo authenticator (only the demo staff logins have one).")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
