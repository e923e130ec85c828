"""The demo staff logins can pass the second factor with what `make run` prints."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import demo
from portal.accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_staff_get_a_published_second_factor_and_seeding_stays_idempotent(client):
    demo.seed()
    demo.seed()
    staff = User.objects.filter(username__in=["reviewer", "advisor", "office", "auditor"])
    assert staff.count() == 4
    for user in staff:
        assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
        assert StaticToken.objects.filter(device__user=user).count() == len(demo.DEMO_BACKUP_CODES)
    assert not TOTPDevice.objects.filter(user__username="ciso").exists()

    out = StringIO()
    demo.print_logins(out)
    printed = out.getvalue()
    assert "DEMO ONLY" in printed and demo.DEMO_BACKUP_CODES[0] in printed and "TOTP key" in printed

    # A person trying the demo: password, then the code the helper command prints.
    code = StringIO()
    call_command("demo_totp", "reviewer", stdout=code)
    client.post("/login/", {"username": "reviewer", "password": demo.DEMO_PASSWORD})
    assert client.post("/mfa/verify/", {"code": code.getvalue().strip()})["Location"] == "/"
    client.post("/logout/")
    # Or a backup code; a used one comes back at the next seed.
    client.post("/login/", {"username": "office", "password": demo.DEMO_PASSWORD})
    assert client.post("/mfa/verify/", {"code": "demo0001"})["Location"] == "/"
    demo.seed()
    assert StaticToken.objects.filter(device__user__username="office", token="demo0001").exists()
