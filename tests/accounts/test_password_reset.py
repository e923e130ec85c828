"""Password reset by e-mail: it works, signs nobody in, ends old sessions, and never skips the second factor."""

import re

import pytest
from django.core import mail
from django.test import Client
from rest_framework.authtoken.models import Token

from portal.audit.models import AuditEntry
from tests.factories import totp_code, totp_device
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Brand-New-Passphrase-77"


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
