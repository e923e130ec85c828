"""Asking for a password reset by e-mail, without telling anyone whether an address has an account.

* Limits (``portal.common.ratelimit``, in the shared cache): at most 3 requests per e-mail address and 10 per
  client address an hour. Both are counted for every valid request, whether an account uses the
  address or not, so the fourth request for an address in an hour is refused either way and the
  refusal says nothing about the address. A refused request is taken back (waiting the Retry-After
  always works) and written to the audit log, with the address as typed and the client.
* The same work either way: the request only queues a job with the address typed; the job looks the
  accounts up and sends the mails (Django's PasswordResetForm rules: active accounts with a usable
  password). So neither the answer nor its timing depends on the address. Links point to
  ``PORTAL_BASE_URL``, never to the Host header of the request.
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation

from portal.audit.services import audit_record
from portal.common.queue import enqueue
from portal.common.ratelimit import RateDecision, RateLimit, hit

PER_ADDRESS = RateLimit(scope="password-reset:address", limit=3, period=3600, count_refused=False)
PER_CLIENT = RateLimit(scope="password-reset:client", limit=10, period=3600, count_refused=False)

EMAIL_TEMPLATE = "accounts/password_reset_email.txt"
SUBJECT_TEMPLATE = "accounts/password_reset_subject.txt"


def _address_key(email: str) -> str:
    """The counter's key for an address: case-insensitive (as the account lookup is), and hashed, so
    the cache holds no addresses."""
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()


def password_reset_admit(*, email: str, client: str, actor=None) -> RateDecision:
    """Count one request for ``email`` from ``client``; refused (and audited) beyond either limit.
    The client's limit is checked first, and a request it refuses does not count for the address."""
    decision, limit = hit(PER_CLIENT, client), "client"
    if decision.allowed:
        decision, limit = hit(PER_ADDRESS, _address_key(email)), "address"
    if not decision.allowed:
        audit_record(actor=actor, action="auth.password_reset_throttled", object_type="accounts.password_reset",
                     after={"limit": limit, "email": email[:254], "client": client,
                            "retry_after": decision.retry_after})
    return decision


def password_reset_queue(*, email: str, language: str) -> None:
    """Queue the mail job for a valid, admitted request. With the broker down, the mail is sent here
    and now instead (a slower answer beats a reset that never arrives)."""
    if not enqueue("accounts.send_password_reset", email, language):
        password_reset_send(email=email, language=language)


def password_reset_send(*, email: str, language: str) -> int:
    """Mail a one-time link to every active account with a usable password at ``email``, in
    ``language``. Returns how many accounts were mailed. Running it twice sends a second link, which
    is harmless: each link works once, and only until the password changes."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return 0
    users = list(form.get_users(form.cleaned_data["email"]))
    if not users:
        return 0
    base = urlsplit(settings.PORTAL_BASE_URL)
    with translation.override(language):
        form.save(domain_override=base.netloc, use_https=base.scheme == "https",
                  subject_template_name=SUBJECT_TEMPLATE, email_template_name=EMAIL_TEMPLATE)
    return len(users)
