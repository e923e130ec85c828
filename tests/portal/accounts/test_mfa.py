"""Two-step verification on the web: who must, enrolment, verification, replay, backup codes."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit.models import AuditEntry
from tests.factories import UserFactory, backup_codes, totp_code, totp_device
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def password_login(client, user, next_url=""):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/login/", data)


@pytest.mark.parametrize("trait", ["reviewer", "advisor", "program_admin", "auditor"])
def test_staff_without_a_device_must_enrol_before_any_page(client, trait):
    user = UserFactory(**{trait: True})
    response = password_login(client, user)
    assert response.status_code == 302 and response["Location"].startswith("/mfa/setup/")
    for path in ("/", "/companies/", "/account/security/", "/admin/"):
        page = client.get(path)
        assert page.status_code == 302 and page["Location"].startswith("/mfa/setup/"), path
    # Session-authenticated API calls wait as well; the answer says why.
    api = client.get("/api/v1/companies/", HTTP_ACCEPT="application/json")
    assert api.status_code == 403 and api.json()["code"] == "mfa_required"


def test_superuser_must_enrol_too(client, superuser):
    client.post("/login/", {"username": "root", "password": "Root-Password-123"})
    assert client.get("/")["Location"].startswith("/mfa/setup/")


def test_staff_with_a_device_must_enter_a_code_and_is_then_let_through(client, reviewer):
    device = totp_device(reviewer)
    response = password_login(client, reviewer, next_url="/companies/")
    assert response["Location"].startswith("/mfa/verify/")
    assert client.get("/")["Location"].startswith("/mfa/verify/")
    wrong = client.post("/mfa/verify/", {"code": "000000", "next": "/companies/"})
    assert wrong.status_code == 200 and 'class="form-hint-invalid"' in wrong.content.decode()
    assert AuditEntry.objects.filter(action="auth.mfa_failed", object_id=str(reviewer.pk)).count() == 1
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp's back-off after a failure; not under test here
    device.save()
    ok = client.post("/mfa/verify/", {"code": totp_code(device), "next": "/companies/"})
    assert ok.status_code == 302 and ok["Location"] == "/companies/"
    assert client.get("/").status_code == 200


def test_a_used_totp_code_is_not_accepted_twice(client, reviewer):
    device = totp_device(reviewer)
    code = totp_code(device)
    password_login(client, reviewer)
    assert client.post("/mfa/verify/", {"code": code})["Location"] == "/"
    client.post("/logout/")
    # Same code, second login: django-otp remembers the last time step used (last_t) and refuses it.
    password_login(client, reviewer)
    replay = client.post("/mfa/verify/", {"code": code})
    assert replay.status_code == 200
    assert client.get("/")["Location"].startswith("/mfa/verify/")
    device.refresh_from_db()
    assert device.last_t >= 0


def test_an_older_code_is_refused_after_a_newer_one_was_used(reviewer):
    device = totp_device(reviewer)
    earlier, current = totp_code(device, steps=-1), totp_code(device)
    assert device.verify_token(current)
    device.refresh_from_db()
    assert not device.verify_token(earlier)


def test_backup_code_works_once(client, auditor):
    totp_device(auditor)
    backup_codes(auditor, codes=("abcd2345", "efgh6789"))
    password_login(client, auditor)
    assert client.post("/mfa/verify/", {"code": "abcd 2345"})["Location"] == "/"
    assert not StaticToken.objects.filter(token="abcd2345").exists()
    client.post("/logout/")
    password_login(client, auditor)
    assert client.post("/mfa/verify/", {"code": "abcd2345"}).status_code == 200
    assert client.get("/")["Location"].startswith("/mfa/verify/")


def test_enrolment_shows_a_qr_code_and_issues_backup_codes(client, advisor):
    password_login(client, advisor)
    page = client.get("/mfa/setup/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script, only files from /static/
    device = TOTPDevice.objects.get(user=advisor, confirmed=False)
    # The page is stable across reloads: the same unconfirmed device is reused.
    client.get("/mfa/setup/")
    assert TOTPDevice.objects.filter(user=advisor).count() == 1
    assert client.post("/mfa/setup/", {"code": "123456"}).status_code == 200
    done = client.post("/mfa/setup/", {"code": totp_code(device), "next": "/companies/"})
    assert done.status_code == 302 and done["Location"].startswith("/mfa/backup-codes/")
    codes_page = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=advisor).values_list("token", flat=True)) == set(codes)
    # Shown once only.
    assert client.get("/mfa/backup-codes/").status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.filter(action="auth.mfa_enrolled", object_id=str(advisor.pk)).exists()


def test_a_password_alone_cannot_replace_an_existing_device(client, program_admin):
    totp_device(program_admin)
    password_login(client, program_admin)
    response = client.get("/mfa/setup/")
    assert response.status_code == 302 and response["Location"].startswith("/mfa/verify/")
    assert TOTPDevice.objects.filter(user=program_admin).count() == 1


def test_company_user_without_device_goes_straight_in_and_may_enrol(client, ciso):
    response = password_login(client, ciso)
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    page = client.get("/account/security/")
    assert page.status_code == 200
    assert client.get("/mfa/setup/").status_code == 200


def test_company_user_with_a_device_verifies_and_may_turn_it_off(client, ciso):
    device = totp_device(ciso)
    assert password_login(client, ciso)["Location"].startswith("/mfa/verify/")
    assert client.get("/")["Location"].startswith("/mfa/verify/")
    client.post("/mfa/verify/", {"code": totp_code(device)})
    assert client.get("/").status_code == 200
    client.post("/account/security/", {"action": "disable"})
    assert not TOTPDevice.objects.filter(user=ciso).exists()


def test_staff_cannot_turn_mfa_off(login, client, reviewer):
    login(reviewer)
    client.post("/account/security/", {"action": "disable"})
    assert TOTPDevice.objects.filter(user=reviewer, confirmed=True).exists()


def test_next_must_stay_on_this_site(client, reviewer):
    device = totp_device(reviewer)
    password_login(client, reviewer)
    response = client.post("/mfa/verify/", {"code": totp_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"
