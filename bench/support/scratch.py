"""What the benchmarks that run real processes share: a scratch PostgreSQL database made for the run
and dropped afterwards, the environment that points the portal at it, and stopping a process group.
Not a benchmark itself (`make bench` skips files starting with an underscore)."""

import os
import signal
import subprocess
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADMIN_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _admin(statement: str) -> None:
    import psycopg2

    connection = psycopg2.connect(ADMIN_URL)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def scratch_database(prefix: str) -> tuple[str, str]:
    """Create an empty database; return its name and URL."""
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    _admin(f'CREATE DATABASE "{name}"')
    return name, ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def drop_database(name: str) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def portal_env(*, work: Path, db_url: str, redis_url: str, cache_prefix: str) -> dict:
    """The environment of the portal's processes for a run: local settings on the scratch database,
    private files and a development signing identity under ``work``, mail kept in memory."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.local",
        "DJANGO_SECRET_KEY": "bench-" + uuid.uuid4().hex * 2,
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"{cache_prefix}-{uuid.uuid4().hex[:6]}",
        "PORTAL_PRIVATE_ROOT": str(work / "private"),
        "AUDIT_CHECKPOINT_FILE": str(work / "audit" / "checkpoints.jsonl"),
        "LETTER_SIGNING_KEY": str(work / "pki" / "key.pem"),
        "LETTER_SIGNING_CERT": str(work / "pki" / "cert.pem"),
        "LETTER_SIGNING_CA": str(work / "pki" / "ca.pem"),
        "DJANGO_LOG_LEVEL": "ERROR",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def prepare_portal_database(env: dict) -> None:
    """In this process (after ``django.setup()``): migrate the scratch database, create the signing files."""
    from django.core.management import call_command

    from letters.pki import SigningFiles, create_development_pki

    call_command("migrate", verbosity=0)
    create_development_pki(SigningFiles(key=Path(env["LETTER_SIGNING_KEY"]), cert=Path(env["LETTER_SIGNING_CERT"]),
                                        ca=Path(env["LETTER_SIGNING_CA"])))


def stop(process: subprocess.Popen | None, sig=signal.SIGTERM) -> None:
    """Stop a process started with ``start_new_session=True`` and everything it started."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
