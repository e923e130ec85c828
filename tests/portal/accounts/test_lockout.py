"""Login throttling per account: ten wrong passwords, then 429 with Retry-After until the cool-off ends."""

import datetime as dt

import pytest
from axes.models import AccessAttempt

from portal.audit.models import AuditEntry
from tests.factories import UserFactory, totp_code, totp_device
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"


def web_login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def api_login(client, username, password, **extra):
    return client.post(TOKEN_URL, {"username": username, "password": password, **extra},
                       content_type="application/json")


def fail(client, username, times, channel=web_login):
    for _ in range(times):
        response = channel(client, username, "wrong-password-123")
        assert response.status_code in (200, 400, 429)


def assert_locked(response):
    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 0 < retry_after <= 15 * 60


def test_eleventh_attempt_on_the_web_is_429_even_with_the_right_password(client, ciso):
    # Ten wrong passwords are each answered as a wrong password (the login form again, 200) ...
    for _ in range(10):
        assert web_login(client, ciso.username, "wrong-password-123").status_code == 200
    # ... and the eleventh attempt is refused, even with the right password.
    response = web_login(client, ciso.username, PASSWORD)
    assert_locked(response)
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # not signed in


def test_eleventh_attempt_on_the_token_endpoint_is_429_even_with_the_right_password(client, ciso):
    for _ in range(10):
        wrong = api_login(client, ciso.username, "wrong-password-123")
        assert wrong.status_code == 400 and "non_field_errors" in wrong.json()
    response = api_login(client, ciso.username, PASSWORD)
    assert_locked(response)
    body = response.json()
    assert body["code"] == "locked_out" and body["retry_after"] == int(response["Retry-After"])
    assert "token" not in body


def test_web_and_api_failures_count_together(client, ciso):
    fail(client, ciso.username, 5, channel=web_login)
    fail(client, ciso.username, 5, channel=api_login)
    assert_locked(web_login(client, ciso.username, PASSWORD))
    assert_locked(api_login(client, ciso.username, PASSWORD))


def test_lockout_is_per_account(client, ciso, company_staff):
    fail(client, ciso.username, 10)
    assert web_login(client, company_staff.username, PASSWORD).status_code == 302


def test_cool_off_ends_and_locked_attempts_do_not_extend_it(client, ciso):
    fail(client, ciso.username, 10)
    attempt = AccessAttempt.objects.get(username=ciso.username)
    locked_at = attempt.attempt_time
    assert_locked(web_login(client, ciso.username, "wrong-password-123"))
    attempt.refresh_from_db()
    assert attempt.attempt_time == locked_at and attempt.failures_since_start == 10
    # Fourteen minutes later: still locked, and Retry-After counts down to the end of the cool-off.
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=locked_at - dt.timedelta(minutes=14))
    response = api_login(client, ciso.username, PASSWORD)
    assert_locked(response)
    assert int(response["Retry-After"]) <= 60
    # Sixteen minutes later: the cool-off is over and the right password works again, web and API.
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=locked_at - dt.timedelta(minutes=16))
    assert api_login(client, ciso.username, PASSWORD).status_code == 200
    assert web_login(client, ciso.username, PASSWORD).status_code == 302


def test_a_right_password_resets_the_count(client, ciso):
    fail(client, ciso.username, 9)
    assert web_login(client, ciso.username, PASSWORD).status_code == 302
    client.post("/logout/")
    fail(client, ciso.username, 9, channel=api_login)
    assert api_login(client, ciso.username, PASSWORD).status_code == 200


def test_failed_logins_are_audited_with_the_username(client, ciso):
    fail(client, ciso.username, 2)
    fail(client, "nobody-such", 1, channel=api_login)
    entries = AuditEntry.objects.filter(action="auth.login_failed")
    assert entries.filter(object_id=ciso.username).count() == 2
    assert entries.filter(object_id="nobody-such").count() == 1
    entry = entries.first()
    assert entry.actor_id is None and entry.object_type == "accounts.user"


def test_mfa_refusals_are_not_wrong_passwords(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own back-off is not what this test is about
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    reviewer = UserFactory(reviewer=True)
    device = totp_device(reviewer)
    for _ in range(12):
        response = api_login(client, reviewer.username, PASSWORD, otp="000000")
        assert response.status_code == 400 and "otp" in response.json()
    # And on the web: the password is accepted, the code form refuses wrong codes as often as it takes.
    for _ in range(12):
        assert web_login(client, reviewer.username, PASSWORD).status_code == 302
        assert client.post("/mfa/verify/", {"code": "000000"}).status_code == 200
        client.post("/logout/")
    assert not AccessAttempt.objects.filter(username=reviewer.username).exists()
    assert api_login(client, reviewer.username, PASSWORD, otp=totp_code(device)).status_code == 200
