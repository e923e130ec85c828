"""POST /api/v1/auth/token/: the API never becomes the way around the second factor."""

from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory, backup_codes, totp_code, totp_device
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"


def ask(client, user, **extra):
    return client.post(TOKEN_URL, {"username": user.username, "password": PASSWORD, **extra}, format="json")


@pytest.fixture
def anon():
    return APIClient()


@pytest.mark.parametrize("trait", ["reviewer", "advisor", "program_admin", "auditor"])
def test_staff_without_a_device_is_refused_with_mfa_required(anon, trait):
    user = UserFactory(**{trait: True})
    response = ask(anon, user)
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_required" and response.json()["detail"]
    assert not Token.objects.filter(user=user).exists()


def test_superuser_without_a_device_is_refused(anon, superuser):
    response = anon.post(TOKEN_URL, {"username": "root", "password": "Root-Password-123"}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "mfa_required"


def test_company_user_without_a_device_gets_a_token(anon, ciso):
    response = ask(anon, ciso)
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=ciso).key


def test_a_user_with_a_device_needs_a_valid_code_once(anon, reviewer):
    device = totp_device(reviewer)
    missing = ask(anon, reviewer)
    assert missing.status_code == 400 and "otp" in missing.json()
    assert ask(anon, reviewer, otp="123456").status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # django-otp's back-off after the wrong code
    code = totp_code(device)
    ok = ask(anon, reviewer, otp=code)
    assert ok.status_code == 200 and ok.json()["token"]
    replay = ask(anon, reviewer, otp=code)
    assert replay.status_code == 400 and "otp" in replay.json()


def test_a_company_user_who_enrolled_needs_the_code_too(anon, ciso):
    totp_device(ciso)
    assert ask(anon, ciso).status_code == 400


def test_a_backup_code_is_accepted_once(anon, auditor):
    totp_device(auditor)
    backup_codes(auditor, codes=("k7m2p4q6",))
    assert ask(anon, auditor, otp="k7m2p4q6").status_code == 200
    assert ask(anon, auditor, otp="k7m2p4q6").status_code == 400


def test_wrong_password_is_a_field_error(anon, ciso):
    response = anon.post(TOKEN_URL, {"username": ciso.username, "password": "nope-nope-nope"}, format="json")
    assert response.status_code == 400 and "non_field_errors" in response.json()


@pytest.mark.parametrize("with_device", [False, True])
def test_operator_made_tokens_work_with_or_without_a_device(with_device):
    reviewer = UserFactory(reviewer=True)
    if with_device:
        totp_device(reviewer)
    out = StringIO()
    call_command("drf_create_token", reviewer.username, stdout=out)
    key = Token.objects.get(user=reviewer).key
    assert key in out.getvalue()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/companies/").status_code == 200


def test_a_session_without_the_second_factor_cannot_use_the_api_but_a_token_can(client, reviewer):
    client.post("/login/", {"username": reviewer.username, "password": PASSWORD})
    assert client.get("/api/v1/companies/").status_code == 403
    token = Token.objects.create(user=reviewer)
    assert client.get("/api/v1/companies/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
