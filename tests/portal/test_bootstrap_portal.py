"""bootstrap_portal, the operator's way to set up a production portal: it checks the signing identity
and creates exactly one audited program office login, with a password never given as an argument."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from letters.pdf.pki import SigningFiles, create_development_pki
from portal.accounts.enums import Role
from portal.accounts.models import User
from portal.audit.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Kim-Office-Bootstrap-2026"


def _certificate(subject: str, key, *, issuer: str, issuer_key, ca: bool, days: int = 365) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    return (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
            .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .sign(issuer_key, hashes.SHA256()))


def real_identity(folder: Path, *, name: str = "FSC Root CA") -> SigningFiles:
    """A CA and signing certificate such as an operator installs (no development mark)."""
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = _certificate(name, ca_key, issuer=name, issuer_key=ca_key, ca=True)
    cert = _certificate("FSC No-Action Letter Signing", key, issuer=name, issuer_key=ca_key, ca=False)
    files = SigningFiles(key=folder / "key.pem", cert=folder / "cert.pem", ca=folder / "ca.pem")
    files.key.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                            serialization.NoEncryption()))
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return files


@pytest.fixture
def production(settings, tmp_path, monkeypatch) -> SigningFiles:
    """Production's refusal of demo data, with a real signing identity installed."""
    monkeypatch.delenv("PORTAL_ADMIN_PASSWORD", raising=False)
    settings.PORTAL_DEMO_ALLOWED = False
    return _use(settings, real_identity(tmp_path / "pki"))


def _use(settings, files: SigningFiles) -> SigningFiles:
    settings.LETTER_SIGNING_KEY, settings.LETTER_SIGNING_CERT, settings.LETTER_SIGNING_CA = files.key, files.cert, files.ca
    return files


def bootstrap(*arguments, stdin: str = "", **options) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("bootstrap_portal", *arguments, stdout=out, stderr=out, stdin=StringIO(stdin), **options)
    return out.getvalue()


def _refused(*arguments, stdin: str = "") -> str:
    with pytest.raises(CommandError) as refusal:
        bootstrap(*arguments, stdin=stdin)
    return str(refusal.value)


ADMIN = ("--admin-username", "kim.office", "--admin-email", "kim@fsc.go.kr", "--admin-name", "김사무")


def test_creates_exactly_one_audited_program_office_login(production):
    out = bootstrap(*ADMIN, "--password-stdin", stdin=PASSWORD + "\n")

    user = User.objects.get()
    assert (user.username, user.email, user.first_name, user.role) == ("kim.office", "kim@fsc.go.kr", "김사무",
                                                                       Role.PROGRAM_ADMIN)
    assert user.check_password(PASSWORD) and user.is_active
    assert not user.is_superuser and not user.is_staff and not user.is_demo and user.company is None
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_type, entry.object_id) == ("user.create", "accounts.user", str(user.pk))
    assert "bootstrap_portal" in entry.reason and entry.actor is None
    assert entry.after == {"username": "kim.office", "email": "kim@fsc.go.kr", "role": "program_admin",
                           "company": None}
    assert "valid for real letters" in out and "Created the program office login kim.office" in out
    assert PASSWORD not in out


def test_the_password_may_come_from_the_environment(production, monkeypatch):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", PASSWORD)
    bootstrap(*ADMIN)
    assert User.objects.get().check_password(PASSWORD)


def test_a_second_program_office_login_needs_to_be_asked_for(production):
    UserFactory(username="lee.office", program_admin=True)
    message = _refused(*ADMIN, "--password-stdin", stdin=PASSWORD)
    assert "A program office login already exists (lee.office)" in message and "--additional-admin" in message
    assert User.objects.count() == 1 and not AuditEntry.objects.exists()

    bootstrap(*ADMIN, "--password-stdin", "--additional-admin", stdin=PASSWORD)
    assert User.objects.filter(role=Role.PROGRAM_ADMIN).count() == 2
    assert AuditEntry.objects.filter(action="user.create").count() == 1


@pytest.mark.parametrize(("arguments", "stdin", "expected"), [
    (ADMIN + ("--password-stdin",), "short\n", "password: This password is too short"),
    (ADMIN + ("--password-stdin",), "kim.office.fsc\n", "password: The password is too similar"),
    (ADMIN + ("--password-stdin",), "\n", "The password is empty"),
    (ADMIN, "", "No password: use --password-stdin, set PORTAL_ADMIN_PASSWORD"),
    (("--admin-username", "kim.office", "--admin-email", "not-an-address", "--password-stdin"), PASSWORD,
     "email: Enter a valid email address."),
    (("--admin-username", "kim office!", "--admin-email", "kim@fsc.go.kr", "--password-stdin"), PASSWORD,
     "username: Enter a valid username."),
    (("--admin-username", "kim.office"), "", "Give both --admin-username and --admin-email"),
], ids=["short password", "password like the login", "empty password", "no password source", "bad e-mail",
        "bad username", "username without e-mail"])
def test_bad_input_is_refused_with_a_clear_message_and_creates_nothing(production, arguments, stdin, expected):
    assert expected in _refused(*arguments, stdin=stdin)
    assert not User.objects.exists() and not AuditEntry.objects.exists()


def test_a_taken_username_is_refused(production):
    UserFactory(username="kim.office", reviewer=True)
    assert "username: A user with that username already exists." in _refused(
        *ADMIN, "--password-stdin", "--additional-admin", stdin=PASSWORD)
    assert User.objects.count() == 1 and not AuditEntry.objects.exists()


def _problems_with(settings, files: SigningFiles) -> str:
    _use(settings, files)
    out = StringIO()
    with translation.override("en"), pytest.raises(CommandError) as refusal:
        call_command("bootstrap_portal", *ADMIN, "--password-stdin", stdin=StringIO(PASSWORD), stdout=out, stderr=out)
    assert "not ready for real letters" in str(refusal.value) and "nothing was created" in str(refusal.value)
    assert not User.objects.exists() and not AuditEntry.objects.exists()
    return out.getvalue()


def test_the_development_ca_is_refused(production, settings, tmp_path):
    settings.PORTAL_DEMO_ALLOWED = True  # made where it may be, then offered to production
    development = SigningFiles(key=tmp_path / "dev" / "k.pem", cert=tmp_path / "dev" / "c.pem", ca=tmp_path / "dev" / "ca.pem")
    create_development_pki(development)
    settings.PORTAL_DEMO_ALLOWED = False
    assert "is the development CA (\"DEVELOPMENT ONLY" in _problems_with(settings, development)


def test_missing_mismatched_or_foreign_signing_files_are_refused(production, settings, tmp_path):
    other = real_identity(tmp_path / "other", name="Another CA")
    missing = SigningFiles(key=production.key, cert=production.cert, ca=tmp_path / "absent.pem")
    assert f"{tmp_path / 'absent.pem'}: no such file." in _problems_with(settings, missing)

    mismatched = SigningFiles(key=other.key, cert=production.cert, ca=production.ca)
    assert f"{other.key} does not belong to the certificate {production.cert}." in _problems_with(settings, mismatched)

    foreign = SigningFiles(key=production.key, cert=production.cert, ca=other.ca)
    assert f"{production.cert} is not issued by a CA certificate in {other.ca}." in _problems_with(settings, foreign)

    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not a key")
    unreadable = SigningFiles(key=garbage, cert=production.cert, ca=production.ca)
    assert f"{garbage}: not a PEM private key" in _problems_with(settings, unreadable)


def test_without_a_login_to_create_it_only_checks(production):
    out = bootstrap()
    assert "valid for real letters" in out and "Checked only" in out
    assert not User.objects.exists()


def test_it_warns_of_what_an_earlier_demo_left(production):
    UserFactory(username="auditor", auditor=True, is_demo=True)
    out = bootstrap(*ADMIN, "--password-stdin", stdin=PASSWORD)
    assert "Warning: Active demo logins with the published password: auditor." in out
    assert User.objects.filter(role=Role.PROGRAM_ADMIN).count() == 1
