"""Sessions: a new key at login and after the second factor, idle and absolute limits, and ending them all."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from rest_framework.authtoken.models import Token

from portal.accounts.models import UserSession
from portal.accounts.services import user_deactivate
from portal.accounts.signin.sessions import AUTH_AT_KEY, LAST_SEEN_KEY
from tests.factories import totp_code, totp_device
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def session_key(client) -> str:
    return client.cookies["sessionid"].value


def test_session_key_changes_at_login(client, ciso):
    session = client.session
    session["before_login"] = True
    session.save()
    before = session_key(client)
    assert client.post("/login/", {"username": ciso.username, "password": PASSWORD}).status_code == 302
    after = session_key(client)
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert UserSession.objects.get(session_key=after).user == ciso


def test_session_key_changes_again_after_the_second_factor(client, reviewer):
    device = totp_device(reviewer)
    client.post("/login/", {"username": reviewer.username, "password": PASSWORD})
    after_password = session_key(client)
    client.post("/mfa/verify/", {"code": totp_code(device)})
    after_code = session_key(client)
    assert after_code != after_password
    assert list(UserSession.objects.filter(user=reviewer).values_list("session_key", flat=True)) == [after_code]


def _age(client, **ages):
    session = client.session
    now = int(time.time())
    for key, seconds in ages.items():
        session[key] = now - seconds
    session.save()


def test_idle_timeout_logs_out(client, ciso, settings):
    client.post("/login/", {"username": ciso.username, "password": PASSWORD})
    _age(client, **{LAST_SEEN_KEY: settings.SESSION_IDLE_TIMEOUT - 60})
    assert client.get("/").status_code == 200
    _age(client, **{LAST_SEEN_KEY: settings.SESSION_IDLE_TIMEOUT + 1})
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session


def test_absolute_lifetime_ends_even_an_active_session(client, ciso, settings):
    client.post("/login/", {"username": ciso.username, "password": PASSWORD})
    _age(client, **{AUTH_AT_KEY: settings.SESSION_COOKIE_AGE + 1, LAST_SEEN_KEY: 5})
    assert client.get("/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_idle_timeout_applies_to_session_api_calls(client, ciso, settings):
    client.post("/login/", {"username": ciso.username, "password": PASSWORD})
    assert client.get("/api/v1/companies/").status_code == 200
    _age(client, **{LAST_SEEN_KEY: settings.SESSION_IDLE_TIMEOUT + 1})
    assert client.get("/api/v1/companies/").status_code in (401, 403)


def test_logout_forgets_the_session(client, ciso):
    client.post("/login/", {"username": ciso.username, "password": PASSWORD})
    assert UserSession.objects.filter(user=ciso).count() == 1
    client.post("/logout/")
    assert not UserSession.objects.filter(user=ciso).exists()


def _signed_in_clients(user, count):
    clients = []
    for _ in range(count):
        c = Client()
        assert c.post("/login/", {"username": user.username, "password": PASSWORD}).status_code == 302
        clients.append(c)
    return clients


def test_deactivation_ends_every_session_and_token(ciso, company_staff, program_admin, django_assert_max_num_queries):
    browsers = _signed_in_clients(company_staff, 3)
    bystander = _signed_in_clients(ciso, 1)[0]
    token = Token.objects.create(user=company_staff)
    # Many other sessions in the table do not make it slower: it never reads them.
    for _ in range(30):
        s = Client().session
        s["x"] = 1
        s.save()
    with django_assert_max_num_queries(13):
        user_deactivate(actor=program_admin, user=company_staff, reason="left the company")
    assert not UserSession.objects.filter(user=company_staff).exists()
    assert not Token.objects.filter(key=token.key).exists()
    for browser in browsers:
        assert browser.get("/").status_code == 302
    assert bystander.get("/").status_code == 200
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/companies/").status_code == 401


def test_deactivating_in_the_admin_ends_sessions_too(ciso):
    browser = _signed_in_clients(ciso, 1)[0]
    Token.objects.create(user=ciso)
    ciso.is_active = False
    ciso.save()
    assert not Session.objects.filter(session_key=session_key(browser)).exists()
    assert not Token.objects.filter(user=ciso).exists()
