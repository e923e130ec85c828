"""Password reset by e-mail: it works, signs nobody in, ends old sessions, never skips the second factor,
never tells whether an address has an account, and is limited per address and per client."""

import re
import uuid

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from portal.audit.models import AuditEntry
from portal.celery import app as celery_app
from tests.factories import UserFactory, totp_code, totp_device
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Brand-New-Passphrase-77"


@pytest.fixture(autouse=True)
def _limits_of_this_test_only(settings):
    """The limits count in the shared cache for an hour: each test gets a key prefix of its own, so that
    neither other tests nor earlier runs use up its requests."""
    caches = {name: dict(config) for name, config in django_settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"{caches['default'].get('KEY_PREFIX', '')}-reset-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def _mail_job_in_process():
    """The mail job runs in this process (no worker takes it from the shared Redis in the tests)."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = eager


def reset_link(client, email) -> str:
    response = client.post("/password-reset/", {"email": email})
    assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
    assert len(mail.outbox) == 1
    match = re.search(r"https?://[^/\s]+(/password-reset/[^\s]+/)", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(1)


def test_reset_by_email_then_login_still_asks_for_the_second_factor(client, reviewer):
    device = totp_device(reviewer)
    old_browser = Client()
    old_browser.post("/login/", {"username": reviewer.username, "password": PASSWORD})
    token = Token.objects.create(user=reviewer)

    link = reset_link(client, reviewer.email)
    assert reviewer.username in mail.outbox[0].body
    form_page = client.get(link)
    assert form_page.status_code == 302  # Django moves the token out of the URL into the session
    set_url = form_page["Location"]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/password-reset/complete/"

    # Nobody is signed in by the reset, old sessions and tokens are gone, and the link is spent.
    assert client.get("/")["Location"].startswith("/login/")
    assert old_browser.get("/")["Location"].startswith("/login/")
    assert not Token.objects.filter(key=token.key).exists()
    assert client.get(link, follow=True).context["validlink"] is False
    assert AuditEntry.objects.filter(action="auth.password_reset", object_id=str(reviewer.pk)).exists()

    # The new password works, and the second factor is still asked for.
    response = client.post("/login/", {"username": reviewer.username, "password": NEW_PASSWORD})
    assert response["Location"].startswith("/mfa/verify/")
    assert client.get("/")["Location"].startswith("/mfa/verify/")
    client.post("/mfa/verify/", {"code": totp_code(device)})
    assert client.get("/").status_code == 200


def test_unknown_address_looks_the_same_and_sends_nothing(client):
    response = client.post("/password-reset/", {"email": "nobody@example.test"})
    assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []


def test_inactive_account_gets_no_reset_mail(client, ciso):
    ciso.is_active = False
    ciso.save()
    client.post("/password-reset/", {"email": ciso.email})
    assert mail.outbox == []


# --- the answer says nothing about the address ---------------------------------------------------------
def _page(response) -> str:
    """The page without what differs on every request anyway (the CSRF token)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_a_known_and_an_unknown_address_get_the_same_answer(client, ciso):
    known = client.post("/password-reset/", {"email": ciso.email})
    unknown = client.post("/password-reset/", {"email": "nobody@example.test"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known.content == unknown.content
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [ciso.email]


def test_the_request_only_queues_the_job_with_the_address_typed(client, ciso):
    """The accounts are looked up by the job, not in the request: the same work (and so about the same
    time) whether or not an account uses the address. Read from the real broker."""
    celery_app.conf.task_always_eager = False
    sent = []
    with celery_app.connection_for_write() as connection_, connection_.SimpleQueue("celery") as queue:
        for email in (ciso.email.upper(), "nobody@example.test"):
            with CaptureQueriesContext(connection) as queries:
                response = client.post("/password-reset/", {"email": email})
            assert response.status_code == 302
            assert not [q["sql"] for q in queries.captured_queries if '"accounts_user"' in q["sql"]]
            message = queue.get(timeout=5)
            message.ack()
            sent.append((message.headers["task"], message.payload[0]))
    assert mail.outbox == []
    assert sent == [("accounts.send_password_reset", [ciso.email.upper(), "ko"]),
                    ("accounts.send_password_reset", ["nobody@example.test", "ko"])]


def test_the_mail_is_in_the_language_of_the_page_and_links_to_the_portal_not_the_host_header(client, ciso, settings):
    settings.PORTAL_BASE_URL = "https://nal.fsc.go.kr"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post("/password-reset/", {"email": ciso.email}, HTTP_HOST="localhost")
    assert mail.outbox[0].subject == "Reset your password for the FSC No-Action Letter Portal"
    assert "https://nal.fsc.go.kr/password-reset/" in mail.outbox[0].body and "localhost" not in mail.outbox[0].body


# --- limits -------------------------------------------------------------------------------------------
def _limited(response) -> str:
    """The 429 page with its numbers blanked (the minutes left move on)."""
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600 + 300
    return re.sub(r"\d+", "N", _page(response))


def test_the_fourth_request_for_an_address_in_an_hour_is_refused_whether_it_exists_or_not(client, ciso):
    answers = {}
    for email in (ciso.email, "nobody@example.test"):
        statuses = [client.post("/password-reset/", {"email": email}).status_code for _ in range(3)]
        assert statuses == [302, 302, 302]
        answers[email] = _limited(client.post("/password-reset/", {"email": email.upper()}))
    assert answers[ciso.email] == answers["nobody@example.test"]
    assert len(mail.outbox) == 3  # three mails to the real address, none after
    # Refused requests are audited, the same way for both addresses.
    entries = AuditEntry.objects.filter(action="auth.password_reset_throttled").order_by("id")
    assert [(e.object_type, e.object_id, e.after["limit"]) for e in entries] == [
        ("accounts.password_reset", "", "address"), ("accounts.password_reset", "", "address")]
    assert [e.after["email"] for e in entries] == [ciso.email.upper(), "NOBODY@EXAMPLE.TEST"]
    assert entries[0].after["client"] == "127.0.0.1"


def test_the_limited_page_is_translated(client):
    for _ in range(3):
        client.post("/password-reset/", {"email": "nobody@example.test"})
    korean = client.post("/password-reset/", {"email": "nobody@example.test"})
    assert "비밀번호 재설정 요청이 너무 많습니다" in korean.content.decode()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.post("/password-reset/", {"email": "nobody@example.test"})
    assert "Too many password reset requests." in english.content.decode()
    minutes = int(english["Retry-After"]) // 60
    assert f"Try again in {minutes}" in english.content.decode() or f"Try again in {minutes + 1}" in english.content.decode()


def test_ten_requests_an_hour_per_client_address(client):
    for n in range(10):
        assert client.post("/password-reset/", {"email": f"n{n}@example.test"}, REMOTE_ADDR="192.0.2.7").status_code == 302
    _limited(client.post("/password-reset/", {"email": "n10@example.test"}, REMOTE_ADDR="192.0.2.7"))
    entry = AuditEntry.objects.get(action="auth.password_reset_throttled")
    assert entry.after["limit"] == "client" and entry.after["client"] == "192.0.2.7"
    # Another client is not affected, and the refused request did not count for its address.
    for _ in range(3):
        assert client.post("/password-reset/", {"email": "n10@example.test"}, REMOTE_ADDR="192.0.2.8").status_code == 302


def test_behind_the_trusted_proxy_the_client_is_the_address_it_saw(client, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    for n in range(10):  # different proxies' own addresses, a forged left part: still one client
        response = client.post("/password-reset/", {"email": f"p{n}@example.test"}, REMOTE_ADDR=f"10.0.0.{n}",
                               HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.9")
        assert response.status_code == 302
    _limited(client.post("/password-reset/", {"email": "p10@example.test"}, HTTP_X_FORWARDED_FOR="203.0.113.9"))


def test_invalid_input_is_not_counted(client):
    for _ in range(12):
        assert client.post("/password-reset/", {"email": "not an address"}).status_code == 200
    assert client.post("/password-reset/", {"email": "nobody@example.test"}).status_code == 302


def test_several_accounts_at_one_address_each_get_their_link(client, ciso):
    UserFactory(reviewer=True, email=ciso.email.upper())
    client.post("/password-reset/", {"email": ciso.email})
    assert len(mail.outbox) == 2
