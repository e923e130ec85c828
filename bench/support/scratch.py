"""The scratch world of a benchmark that runs real processes: a PostgreSQL database made for the run
and dropped afterwards, and the environment that points the portal's processes at it and at a
temporary folder (private files, audit checkpoints, a development signing identity)."""

import os
import uuid
from pathlib import Path

import psycopg2
from django.core.management import call_command

from letters.pdf.pki import SigningFiles, create_development_pki
from portal.testing.processes import portal_process_env

ADMIN_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _admin(statement: str) -> None:
    connection = psycopg2.connect(ADMIN_URL)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def scratch_database(prefix: str) -> tuple[str, str]:
    """Create an empty database named ``<prefix>_<pid>_<random>`` (never a tests' ``test_portal*``);
    return its name and URL."""
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    _admin(f'CREATE DATABASE "{name}"')
    return name, ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def drop_database(name: str) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def portal_env(*, work: Path, db_url: str, redis_url: str, cache_prefix: str, log_level: str = "ERROR") -> dict:
    """The environment of the portal's processes for a run: local settings on the scratch database,
    private files, audit checkpoints and a development signing identity under ``work``."""
    return portal_process_env(
        database_url=db_url, redis_url=redis_url, private_root=work / "private",
        signing_key=work / "pki" / "key.pem", signing_cert=work / "pki" / "cert.pem",
        signing_ca=work / "pki" / "ca.pem", cache_prefix=f"{cache_prefix}-{uuid.uuid4().hex[:6]}",
        log_level=log_level, AUDIT_CHECKPOINT_FILE=str(work / "audit" / "checkpoints.jsonl"),
    )


def prepare_portal_database(env: dict) -> None:
    """In this process (after ``django.setup()``): migrate the scratch database, create the signing files."""
    call_command("migrate", verbosity=0)
    create_development_pki(SigningFiles(key=Path(env["LETTER_SIGNING_KEY"]), cert=Path(env["LETTER_SIGNING_CERT"]),
                                        ca=Path(env["LETTER_SIGNING_CA"])))
