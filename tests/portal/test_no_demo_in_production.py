"""Production never loads demo data: prepare_portal, seed_demo, demo_totp and every seeding function
refuse where the settings do not allow demo data, before writing anything; the development CA is
neither made nor used to sign."""

import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from letters import bootstrap as letters_bootstrap
from letters import demo as letters_demo
from letters.models import Letter, ReferenceCounter
from letters.pdf.pki import SigningFiles, create_development_pki
from letters.services import letter_issue
from portal.accounts import demo as accounts_demo
from portal.accounts.models import Company, User
from portal.audit.models import AuditEntry
from portal.common.demo_guard import DemoNotAllowed
from reports import demo as reports_demo
from screening import demo as review_demo
from screening import demo as screening_demo
from screening.models import Application, Phase
from tests.factories import ApplicationFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture
def production_like(settings, tmp_path):
    """What production settings say about demo data, with signing files that do not exist yet."""
    settings.PORTAL_DEMO_ALLOWED = False
    settings.LETTER_SIGNING_KEY = tmp_path / "pki" / "signing-key.pem"
    settings.LETTER_SIGNING_CERT = tmp_path / "pki" / "signing-cert.pem"
    settings.LETTER_SIGNING_CA = tmp_path / "pki" / "ca-cert.pem"
    return tmp_path / "pki"


def _nothing_written(pki: Path) -> None:
    assert not User.objects.exists() and not Company.objects.exists()
    assert not Phase.objects.exists() and not Application.objects.exists()
    assert not Letter.objects.exists() and not ReferenceCounter.objects.filter(last_number__gt=0).exists()
    assert not AuditEntry.objects.exists()
    assert not pki.exists()


def test_prepare_portal_refuses_under_production_settings_and_writes_nothing(production_like):
    out = StringIO()
    with translation.override("en"), pytest.raises(CommandError) as refusal:
        call_command("prepare_portal", stdout=out)
    message = str(refusal.value)
    assert "manage.py prepare_portal" in message and "PORTAL_DEMO_ALLOWED" in message
    assert "bootstrap_portal" in message
    assert "Demo logins" not in out.getvalue()
    _nothing_written(production_like)


def test_the_refusal_reads_in_korean_too(production_like):
    with translation.override("ko"), pytest.raises(CommandError, match="거부") as refusal:
        call_command("seed_demo", stdout=StringIO())
    assert "bootstrap_portal" in str(refusal.value)
    _nothing_written(production_like)


def test_demo_commands_refuse_under_production_settings(production_like):
    for command in ("seed_demo", "demo_totp"):
        arguments = ["reviewer"] if command == "demo_totp" else []
        with pytest.raises(CommandError, match=f"manage.py {command}"):
            call_command(command, *arguments, stdout=StringIO())
    _nothing_written(production_like)


@pytest.mark.parametrize("seed", [
    accounts_demo.seed, screening_demo.seed, review_demo.seed_phases, review_demo.seed_reviews, letters_demo.seed,
    reports_demo.seed, letters_bootstrap.bootstrap,
], ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_each_seeding_function_refuses_when_called_directly(production_like, seed):
    with pytest.raises(DemoNotAllowed):
        seed(stdout=StringIO())
    _nothing_written(production_like)


def test_the_development_ca_is_not_made_and_the_demo_second_factor_not_set(production_like):
    files = SigningFiles(key=production_like / "k.pem", cert=production_like / "c.pem", ca=production_like / "ca.pem")
    with pytest.raises(DemoNotAllowed):
        create_development_pki(files)
    user = UserFactory(username="office", program_admin=True)
    with pytest.raises(DemoNotAllowed):
        accounts_demo.ensure_demo_second_factor(user)
    with pytest.raises(DemoNotAllowed):
        accounts_demo.print_logins(StringIO())
    assert not production_like.exists()
    assert not user.totpdevice_set.exists() and not user.staticdevice_set.exists()


def test_production_never_signs_a_letter_with_the_development_ca(settings, letters_in_process):
    """Signing files left over from an old `make run` are refused: no letter, no number used."""
    application = ApplicationFactory(approved=True)
    settings.PORTAL_DEMO_ALLOWED = False
    with pytest.raises(ImproperlyConfigured, match="development"):
        letter_issue(application_id=application.pk)
    assert not Letter.objects.exists()
    assert not ReferenceCounter.objects.filter(last_number__gt=0).exists()


def _production(tmp_path: Path, *command: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY"}}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.production", PORTAL_BASE_URL="https://nal.fsc.go.kr",
               DJANGO_SECRET_KEY="p" + os.urandom(32).hex(), SQLITE_PATH=str(tmp_path / "db.sqlite3"),
               PORTAL_VAR_DIR=str(tmp_path / "var"), PORTAL_DEMO_PASSWORD="")
    return subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_production_settings_module_refuses_prepare_portal(tmp_path):
    """The real settings module and exit status, not only the flag: `manage.py prepare_portal` under
    portal.settings.production exits non-zero with the message, and the database and var/ stay empty."""
    migrated = _production(tmp_path, "migrate", "--noinput", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    out = _production(tmp_path, "prepare_portal")
    assert out.returncode != 0
    assert "prepare_portal" in out.stderr and "PORTAL_DEMO_ALLOWED" in out.stderr, out.stderr[-3000:]
    assert not (tmp_path / "var" / "pki").exists()
    with sqlite3.connect(tmp_path / "db.sqlite3") as database:
        counts = [database.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
                  for table in ("accounts_user", "accounts_company", "letters_letter", "letters_referencecounter")]
    assert counts == [0, 0, 0, 0]
