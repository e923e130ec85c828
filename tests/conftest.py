import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from letters.pdf.pki import SigningFiles, create_development_pki
from portal.accounts.models import User
from portal.celery import app as celery_app
from tests.factories import CompanyFactory, UserFactory
from tests.factories.otp import login_verified


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with no rate-limit counters. They live in the shared cache (Redis), which
    outlives a test and is shared with the broker, so only the counters' keys are removed."""
    client = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client is not None:
        redis = client(write=True)
        for key in redis.scan_iter(match="*:ratelimit:*", count=1000):
            redis.delete(key)
    yield


@pytest.fixture
def api():
    """An API client; ``api.as_user(user)`` authenticates it with the user's token."""
    client = APIClient()

    def as_user(user):
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    client.as_user = as_user
    return client


@pytest.fixture
def login(client):
    """``login(user)`` signs the test client in as ``user`` with the second factor already given.

    Use it for web pages: staff roles are sent to two-step verification after a bare force_login."""
    return lambda user: login_verified(client, user)


@pytest.fixture
def company(db):
    return CompanyFactory()


@pytest.fixture
def ciso(db, company):
    return UserFactory(ciso=True, company=company)


@pytest.fixture
def company_staff(db, company):
    return UserFactory(staff=True, company=company)


@pytest.fixture
def reviewer(db):
    return UserFactory(reviewer=True)


@pytest.fixture
def advisor(db):
    return UserFactory(advisor=True)


@pytest.fixture
def program_admin(db):
    return UserFactory(program_admin=True)


@pytest.fixture
def auditor(db):
    return UserFactory(auditor=True)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.test", "Root-Password-123")


@pytest.fixture(scope="session")
def signing_files(tmp_path_factory) -> SigningFiles:
    """One development CA and signing certificate for the whole run (what `make run` creates)."""
    folder = tmp_path_factory.mktemp("pki")
    files = SigningFiles(key=folder / "signing-key.pem", cert=folder / "signing-cert.pem", ca=folder / "ca-cert.pem")
    create_development_pki(files)
    return files


@pytest.fixture
def signing_settings(settings, signing_files):
    """The portal signs with the run's development identity."""
    settings.LETTER_SIGNING_KEY = signing_files.key
    settings.LETTER_SIGNING_CERT = signing_files.cert
    settings.LETTER_SIGNING_CA = signing_files.ca
    return signing_files


@pytest.fixture
def letters_in_process(signing_settings):
    """Letters are signed with the run's development identity and the issuance task runs eagerly in this
    process (no worker, nothing sent to the shared Redis)."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield signing_settings
    celery_app.conf.task_always_eager = eager
