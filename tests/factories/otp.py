"""Second-factor devices for tests, and the codes they would show right now."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device(user, *, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=confirmed)


def backup_codes(user, codes=("backup001", "backup002")) -> StaticDevice:
    device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return device


def totp_code(device: TOTPDevice, *, steps: int = 0) -> str:
    """The code the authenticator shows now (``steps`` time steps later or earlier)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps * device.step
    return f"{totp.token():0{device.digits}d}"


def login_verified(client, user):
    """``client.force_login(user)`` plus a verified second factor, as after the code form.

    Staff roles (reviewer, advisor, program office, auditor, superusers) need this for web pages and
    for session-authenticated API calls; token-authenticated API calls do not."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
