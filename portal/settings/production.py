"""Production: refuses to start without a real secret key; adds what needs TLS."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import PORTAL_BASE_URL, SECRET_KEY

if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters in production."
    )

# Every signed letter carries a QR code and an address to /verify/ on this base URL, and a letter is
# never re-issued: a wrong address would be printed on it for good.
_base = urlsplit(PORTAL_BASE_URL)
if _base.scheme != "https" or not _base.hostname or _base.hostname in {"localhost", "127.0.0.1", "::1"} \
        or _base.hostname.endswith((".localhost", ".example")):
    raise ImproperlyConfigured(
        "PORTAL_BASE_URL must be the portal's public https address in production (it is printed on every "
        f"signed letter); it is {PORTAL_BASE_URL!r}."
    )

DEBUG = False
PORTAL_DEMO_ALLOWED = False  # never demo logins or the development CA: see bootstrap_portal
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
