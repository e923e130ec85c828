"""API tokens: the holder revokes their own, they expire, and the web's logout leaves them alone."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from portal.audit.models import AuditEntry
from tests.factories import UserFactory, totp_code, totp_device
from tests.factories.accounts import PASSWORD
from tests.factories.otp import login_verified
from tests.races import race

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"


def _issue(user) -> dict:
    response = APIClient().post(TOKEN_URL, {"username": user.username, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def _with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_the_answer_says_when_the_token_expires(settings):
    settings.API_TOKEN_TTL_SECONDS = 30 * 24 * 3600
    ciso = UserFactory(ciso=True)
    body = _issue(ciso)
    expires = parse_datetime(body["expires_at"])
    assert expires.utcoffset() == dt.timedelta(hours=9)  # Seoul time, as every API timestamp
    expected = Token.objects.get(user=ciso).created + dt.timedelta(days=30)
    assert abs((expires - expected).total_seconds()) < 1
    assert AuditEntry.objects.filter(action="auth.token_issued", object_id=str(ciso.pk)).count() == 1


def test_asking_again_returns_the_same_token_until_it_expires():
    ciso = UserFactory(ciso=True)
    first = _issue(ciso)
    assert _issue(ciso)["token"] == first["token"]
    assert AuditEntry.objects.filter(action="auth.token_issued").count() == 1


def test_an_expired_token_gets_401_and_a_new_request_issues_a_new_key(settings):
    settings.API_TOKEN_TTL_SECONDS = 3600
    ciso = UserFactory(ciso=True)
    key = _issue(ciso)["token"]
    assert _with(key).get("/api/v1/companies/").status_code == 200
    Token.objects.filter(key=key).update(created=timezone.now() - dt.timedelta(hours=1, seconds=1))
    response = _with(key).get("/api/v1/companies/")
    assert response.status_code == 401
    assert response.json()["code"] == "token_expired" and response.json()["detail"]
    fresh = _issue(ciso)["token"]
    assert fresh != key and _with(fresh).get("/api/v1/companies/").status_code == 200
    assert not Token.objects.filter(key=key).exists()


def test_the_holder_revokes_their_token_and_it_then_gets_401():
    ciso = UserFactory(ciso=True)
    key = _issue(ciso)["token"]
    client = _with(key)
    assert client.delete(TOKEN_URL).status_code == 204
    assert not Token.objects.filter(user=ciso).exists()
    after = client.get("/api/v1/companies/")
    assert after.status_code == 401
    assert client.delete(TOKEN_URL).status_code == 401
    assert AuditEntry.objects.filter(action="auth.token_revoked", object_id=str(ciso.pk)).count() == 1


def test_revoking_needs_credentials():
    assert APIClient().delete(TOKEN_URL).status_code == 401


def test_a_verified_web_session_may_revoke_its_users_token(client):
    admin = UserFactory(program_admin=True)
    Token.objects.create(user=admin)
    login_verified(client, admin)
    assert client.delete(TOKEN_URL).status_code == 204
    assert not Token.objects.filter(user=admin).exists()


def test_a_session_that_owes_its_second_factor_may_not_revoke(client):
    ciso = UserFactory(ciso=True)
    totp_device(ciso)
    Token.objects.create(user=ciso)
    client.post("/login/", {"username": ciso.username, "password": PASSWORD})
    response = client.delete(TOKEN_URL)
    assert response.status_code == 403 and response.json()["code"] == "mfa_required"
    assert Token.objects.filter(user=ciso).exists()


def test_revoking_one_users_token_leaves_anothers_alone():
    ciso, other = UserFactory(ciso=True), UserFactory(ciso=True)
    mine, theirs = _issue(ciso)["token"], _issue(other)["token"]
    assert _with(mine).delete(TOKEN_URL).status_code == 204
    assert _with(theirs).get("/api/v1/companies/").status_code == 200


def test_logging_out_of_the_web_revokes_no_token(client):
    reviewer = UserFactory(reviewer=True)
    device = totp_device(reviewer)
    key = APIClient().post(
        TOKEN_URL, {"username": reviewer.username, "password": PASSWORD, "otp": totp_code(device)}, format="json"
    ).json()["token"]
    login_verified(client, reviewer)
    assert client.post("/logout/").status_code in (200, 302)
    assert _with(key).get("/api/v1/companies/").status_code == 200


def test_asking_for_a_token_ignores_a_stale_token_header():
    """The token endpoint authenticates by the body: an old or revoked key in the header does not
    stand in the way of asking for a new one."""
    ciso = UserFactory(ciso=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token revoked-long-ago")
    response = client.post(TOKEN_URL, {"username": ciso.username, "password": PASSWORD}, format="json")
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_get_one_token():
    ciso = UserFactory(ciso=True)
    keys = race(*[lambda: _issue(ciso)["token"]] * 6)
    assert len(set(keys)) == 1 and Token.objects.filter(user=ciso).count() == 1
