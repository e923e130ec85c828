"""The contract's token authentication: username, password and, for a confirmed device, the OTP;
401 without credentials.
"""

import pytest
from rest_framework.test import APIClient

from tests.e2e.contract.helpers import V1, assert_ok
from tests.factories import UserFactory, totp_code, totp_device
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


# --- token auth, 401 -----------------------------------------------------------------------------------
def test_token_endpoint_takes_username_password_and_otp_for_a_confirmed_device(db):
    ciso = UserFactory(ciso=True)
    anonymous = APIClient()
    token = assert_ok(anonymous.post(f"{V1}/auth/token/", {"username": ciso.username, "password": PASSWORD},
                                     format="json"))["token"]
    assert_ok(APIClient().get(f"{V1}/companies/{ciso.company_id}/", HTTP_AUTHORIZATION=f"Token {token}"))

    admin = UserFactory(program_admin=True)
    device = totp_device(admin)
    without_otp = anonymous.post(f"{V1}/auth/token/", {"username": admin.username, "password": PASSWORD},
                                 format="json")
    assert without_otp.status_code == 400 and "otp" in without_otp.json()
    body = assert_ok(anonymous.post(f"{V1}/auth/token/", {"username": admin.username, "password": PASSWORD,
                                                          "otp": totp_code(device)}, format="json"))
    # The contract's {"token": ...}, plus when it expires (an addition: API_TOKEN_TTL_DAYS).
    assert set(body) == {"token", "expires_at"} and body["token"] and body["expires_at"]


@pytest.mark.parametrize("path", ["/companies/", "/users/", "/phases/", "/applications/", "/conflicts/", "/letters/"])
def test_requests_without_credentials_are_401_with_a_readable_message(db, path):
    response = APIClient().get(V1 + path)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json") and response.json()
