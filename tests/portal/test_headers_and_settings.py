"""Headers and configuration: on in what `make run` serves, TLS-only parts in production, check --deploy clean."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories.accounts import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_protective_headers(headers: dict) -> None:
    csp = csp_directives(headers["Content-Security-Policy"])
    script_src = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'unsafe-inline'" not in csp.get("style-src", csp["default-src"])
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/login/", "/password-reset/", "/healthz", "/api/v1/auth/token/"])
def test_every_response_carries_the_protective_headers(client, path):
    assert_protective_headers(client.get(path).headers)


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only(client, ciso):
    client.get("/login/")
    client.post("/login/", {"username": ciso.username, "password": PASSWORD})
    session_cookie = client.cookies["sessionid"]
    assert session_cookie["httponly"] and session_cookie["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["httponly"]


_LOCAL_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
response = Client(SERVER_NAME="localhost").get("/login/")  # local settings refuse testserver
print(json.dumps({"status": response.status_code, "headers": dict(response.headers),
                  "middleware": settings.MIDDLEWARE, "secure_cookie": settings.SESSION_COOKIE_SECURE,
                  "hsts": settings.SECURE_HSTS_SECONDS, "ssl_redirect": settings.SECURE_SSL_REDIRECT}))
"""


def test_what_make_run_serves_has_every_protection_but_the_tls_ones(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY"}}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.local", SQLITE_PATH=str(tmp_path / "db.sqlite3"),
               PORTAL_VAR_DIR=str(tmp_path / "var"))
    out = subprocess.run([sys.executable, "-c", _LOCAL_PROBE], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["status"] == 200
    assert_protective_headers(result["headers"])
    for middleware in ("csp.middleware.CSPMiddleware", "django_otp.middleware.OTPMiddleware",
                       "portal.accounts.signin.middleware.MFARequiredMiddleware",
                       "portal.accounts.signin.middleware.SessionLifetimeMiddleware", "axes.middleware.AxesMiddleware"):
        assert middleware in result["middleware"]
    # Plain http on 127.0.0.1 must keep working: only production adds what needs TLS.
    assert result["secure_cookie"] is False and result["hsts"] == 0 and result["ssl_redirect"] is False


def _production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY"}}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    env["PORTAL_BASE_URL"] = "https://nal.fsc.go.kr"  # production requires the public https address
    env.update(extra)
    return env


def test_check_deploy_is_clean_under_production_settings():
    env = _production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(64))
    out = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    probe = ("import django; django.setup(); from django.conf import settings as s; "
             "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)")
    flags = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=60)
    assert flags.stdout.split() == ["True", "True", "True", "True"], flags.stderr


def test_production_settings_refuse_to_load_without_a_secret_key():
    out = subprocess.run([sys.executable, "-c", "import portal.settings.production"], cwd=ROOT,
                         env=_production_env(), capture_output=True, text=True, timeout=60)
    assert out.returncode != 0
    assert "ImproperlyConfigured" in out.stderr and "DJANGO_SECRET_KEY" in out.stderr
