"""The test suite: real PostgreSQL and Redis on localhost unless the environment says otherwise."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
suffix = os.environ.get("TEST_DB_SUFFIX", "")
xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1, ... under pytest -n
if xdist_worker:
    # Each parallel worker gets its own Redis database, so one worker's Celery test worker never
    # takes another's tasks; pytest-django already gives each its own PostgreSQL test database.
    base_url, _, db = os.environ["REDIS_URL"].rpartition("/")
    index = int(xdist_worker.removeprefix("gw") or 0)
    os.environ["REDIS_URL"] = f"{base_url}/{(int(db or 0) - 1 - index) % 16}"
os.environ.setdefault("CACHE_KEY_PREFIX", f"nal-test{suffix}{xdist_worker}")

from .base import *  # noqa: E402, F403
from .base import ALLOWED_HOSTS, BASE_DIR, DATABASES  # noqa: E402

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # the test client's host name; never in other settings
SECRET_KEY = "test-only-secret-key-not-for-any-deployment-0123456789abcdefghij"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PORTAL_DEMO_ALLOWED = True  # the demo's tests; production's refusal is tested with it off
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PRIVATE_STORAGE_ROOT = BASE_DIR / "var" / f"test-private{suffix}"
AUDIT_CHECKPOINT_FILE = BASE_DIR / "var" / f"test-audit{suffix}{xdist_worker}" / "checkpoints.jsonl"
if suffix:
    DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_portal_{suffix}"
else:
    DATABASES["default"].setdefault("TEST", {})["NAME"] = "test_portal"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_AUTOREFRESH = True
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
