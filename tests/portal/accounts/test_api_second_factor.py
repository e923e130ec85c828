"""A session that has not given its second factor is never an API caller, whatever headers it sends.

The attack: sign in with the password, stop at /mfa/verify/, keep the cookie and call the API with an
``Authorization`` header that is not a valid token (``x``, ``Bearer x``, ``Basic ...``, empty). DRF's
token class ignores an unknown scheme and would fall back to the half-signed-in session.
"""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from portal.accounts.models import User
from portal.audit.models import AuditEntry
from tests.factories import UserFactory, totp_device
from tests.factories.accounts import PASSWORD
from tests.factories.otp import login_verified

pytestmark = pytest.mark.django_db

NOT_A_TOKEN = [
    None,  # no header at all
    "x",
    "Bearer x",
    "Basic " + "cm9vdDpSb290LVBhc3N3b3JkLTEyMw==",  # root:Root-Password-123
    "",
    "   ",
    "Token",  # the scheme without a key
    "Token not-a-real-key",
    "TOKEN",
    "Digest username=root",
]

READS = ["/api/v1/audit/", "/api/v1/companies/", "/api/v1/users/", "/api/v1/letters/", "/api/v1/applications/"]


def _half_signed_in(kind: str) -> tuple[Client, User]:
    """A browser that gave the right password and stopped at the second factor, with its CSRF token."""
    if kind == "staff_with_device":
        user = UserFactory(program_admin=True)
        totp_device(user)
        password = PASSWORD
    elif kind == "superuser_without_device":
        user = User.objects.create_superuser("root", "root@example.test", "Root-Password-123")
        password = "Root-Password-123"
    else:
        user = UserFactory(ciso=True)
        totp_device(user)
        password = PASSWORD
    client = Client(enforce_csrf_checks=True)
    client.get("/login/")
    response = client.post(
        "/login/",
        {"username": user.username, "password": password, "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
    )
    assert response.status_code == 302 and response["Location"].startswith(("/mfa/verify/", "/mfa/setup/"))
    return client, user


def _headers(client: Client, authorization: str | None) -> dict:
    headers = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value, "HTTP_ACCEPT": "application/json"}
    if authorization is not None:
        headers["HTTP_AUTHORIZATION"] = authorization
    return headers


def _refused(response) -> bool:
    if response.status_code == 401:
        return True
    return response.status_code == 403 and response.json().get("code") == "mfa_required"


KINDS = ["staff_with_device", "superuser_without_device", "company_user_with_device"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("authorization", NOT_A_TOKEN)
def test_reads_are_refused(kind, authorization):
    client, _user = _half_signed_in(kind)
    for path in READS:
        response = client.get(path, **_headers(client, authorization))
        assert _refused(response), (path, authorization, response.status_code, response.content[:200])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("authorization", NOT_A_TOKEN)
def test_writes_are_refused_and_nothing_is_created(kind, authorization):
    client, _user = _half_signed_in(kind)
    users_before = User.objects.count()
    response = client.post(
        "/api/v1/users/",
        {"username": "intruder", "password": "Intruder-Password-123", "email": "i@example.test",
         "role": "program_admin"},
        content_type="application/json",
        **_headers(client, authorization),
    )
    assert _refused(response), (authorization, response.status_code, response.content[:200])
    assert User.objects.count() == users_before and not User.objects.filter(username="intruder").exists()
    assert not AuditEntry.objects.filter(action="user.create").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_the_answer_without_a_header_names_the_second_factor(kind):
    client, _user = _half_signed_in(kind)
    response = client.get("/api/v1/audit/", **_headers(client, None))
    assert response.status_code == 403 and response.json()["code"] == "mfa_required"
    assert response.json()["detail"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("authorization", NOT_A_TOKEN)
def test_pages_wait_for_the_second_factor_whatever_the_header(kind, authorization):
    client, _user = _half_signed_in(kind)
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    for path in ("/", "/audit/", "/companies/", "/admin/"):
        response = client.get(path, **headers)
        assert response.status_code == 302, (path, authorization)
        assert response["Location"].startswith(("/mfa/verify/", "/mfa/setup/")), (path, authorization)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("authorization", NOT_A_TOKEN)
def test_the_api_refuses_on_its_own_without_the_page_middleware(settings, kind, authorization):
    """Defence in depth: DRF's session authentication applies the same rule as the middleware."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("MFARequiredMiddleware")]
    client, _user = _half_signed_in(kind)
    response = client.get("/api/v1/audit/", **_headers(client, authorization))
    assert _refused(response), (authorization, response.status_code)
    response = client.post(
        "/api/v1/users/",
        {"username": "intruder", "password": "Intruder-Password-123", "role": "program_admin"},
        content_type="application/json",
        **_headers(client, authorization),
    )
    assert _refused(response), (authorization, response.status_code)
    assert not User.objects.filter(username="intruder").exists()


def test_a_valid_token_still_works_beside_a_half_signed_in_session():
    client, _user = _half_signed_in("staff_with_device")
    holder = UserFactory(program_admin=True)
    token = Token.objects.create(user=holder)
    response = client.get("/api/v1/users/", **_headers(client, f"Token {token.key}"))
    assert response.status_code == 200


def test_a_verified_session_is_an_api_caller(client):
    login_verified(client, UserFactory(program_admin=True))
    for authorization in NOT_A_TOKEN[:5]:
        headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
        assert client.get("/api/v1/audit/", **headers).status_code == 200, authorization
