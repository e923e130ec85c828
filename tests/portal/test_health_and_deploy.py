"""/healthz, the compose file, createsuperuser, and the settings the environment controls."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from portal.accounts.models import User

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_healthz_ok_with_postgres_and_redis(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["failing"] == []


def test_healthz_names_the_broker_when_it_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]
    assert response.json()["database"]["ok"] is True


def test_healthz_in_embedded_mode_needs_no_broker(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"]["detail"] == "in-process"


def test_compose_file_describes_the_production_stack():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    assert "gunicorn portal.wsgi:application" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A portal worker")
    assert "-Q celery,letters" in services["worker"]["command"]
    assert services["beat"]["command"].startswith("celery -A portal beat")
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert "DJANGO_SECRET_KEY" in env
        assert services[name]["image"] == services["web"]["image"]


def test_createsuperuser_noinput_makes_a_program_admin(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "platform")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Platform-Admin-Pass-1")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "platform@example.test")
    call_command("createsuperuser", "--noinput", verbosity=0)
    user = User.objects.get(username="platform")
    assert user.is_superuser and user.is_program_admin and user.check_password("Platform-Admin-Pass-1")


PUBLIC_URL = "https://nal.fsc.go.kr"


def _settings_probe(env: dict, module: str, expression: str) -> subprocess.CompletedProcess:
    code = (
        f"import os, django; os.environ['DJANGO_SETTINGS_MODULE']={module!r}; django.setup(); "
        f"from django.conf import settings; print({expression})"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY"}}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


def test_embedded_default_is_sqlite_in_the_project_folder_and_eager_tasks():
    out = _settings_probe({}, "portal.settings.local",
                          "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'], settings.CELERY_TASK_ALWAYS_EAGER")
    assert out.returncode == 0, out.stderr
    assert "sqlite3" in out.stdout and str(ROOT / "db.sqlite3") in out.stdout and "True" in out.stdout


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_database_url_schemes_are_both_accepted(scheme):
    out = _settings_probe({"DATABASE_URL": f"{scheme}://u:p@db.example:5433/nal", "REDIS_URL": "redis://r:6379/2"},
                          "portal.settings.local",
                          "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['PORT'], settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL")
    assert out.returncode == 0, out.stderr
    assert "postgresql" in out.stdout and "5433" in out.stdout and "False" in out.stdout and "redis://r:6379/2" in out.stdout


def test_production_refuses_to_start_without_a_real_secret_key():
    out = _settings_probe({}, "portal.settings.production", "settings.SECRET_KEY")
    assert out.returncode != 0 and "DJANGO_SECRET_KEY" in out.stderr
    weak = _settings_probe({"DJANGO_SECRET_KEY": "django-insecure-" + "x" * 60}, "portal.settings.production", "1")
    assert weak.returncode != 0
    good = _settings_probe({"DJANGO_SECRET_KEY": "k3y-" + os.urandom(40).hex(), "PORTAL_BASE_URL": PUBLIC_URL},
                           "portal.settings.production", "settings.DEBUG")
    assert good.returncode == 0, good.stderr
    assert "False" in good.stdout


@pytest.mark.parametrize("base_url", [None, "http://nal.fsc.go.kr", "https://127.0.0.1:8000", "https://localhost",
                                      "https://portal.example"])
def test_production_refuses_a_base_url_that_letters_could_not_be_verified_at(base_url):
    """Every signed letter prints /verify/ on this address and is never re-issued."""
    env = {"DJANGO_SECRET_KEY": "k3y-" + os.urandom(40).hex()}
    if base_url:
        env["PORTAL_BASE_URL"] = base_url
    out = _settings_probe(env, "portal.settings.production", "1")
    assert out.returncode != 0 and "PORTAL_BASE_URL" in out.stderr


@pytest.mark.parametrize("module", ["portal.settings.local", "portal.settings.production"])
@pytest.mark.parametrize("hosts", [None, "nal.fsc.go.kr,testserver"])
def test_testserver_is_never_an_allowed_host_outside_the_tests(module, hosts):
    """Django's test-client host name is for the tests only, even when the environment names it."""
    env = {"DJANGO_SECRET_KEY": "k3y-" + os.urandom(40).hex(), "PORTAL_BASE_URL": PUBLIC_URL}
    if hosts:
        env["ALLOWED_HOSTS"] = hosts
    out = _settings_probe(env, module, "settings.ALLOWED_HOSTS")
    assert out.returncode == 0, out.stderr
    allowed = ast.literal_eval(out.stdout.strip())
    assert allowed and "testserver" not in allowed
    if hosts:
        assert allowed == ["nal.fsc.go.kr"]
