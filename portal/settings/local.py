"""What `make run` and `manage.py` use by default: the same protections as production, minus TLS."""

import secrets

from .base import *  # noqa: F403
from .base import SECRET_KEY, VAR_DIR


def _local_secret_key() -> str:
    """A random key kept in var/ so sessions survive restarts and manage.py sees the same key."""
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    path.write_text(key)
    path.chmod(0o600)
    return key


# `make run` loads the demo data and creates a development CA (prepare_portal).
PORTAL_DEMO_ALLOWED = True

if not SECRET_KEY:
    SECRET_KEY = _local_secret_key()
