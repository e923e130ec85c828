"""A real ``celery -A portal worker`` for a test or a benchmark: its environment, starting it, knowing
it is ready, stopping it.

The worker runs in its own session (its own process group), so stopping or killing it reaches the
pool's children too, and a test can kill the whole worker at once as a crash would.
"""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def portal_process_env(*, database_url: str, redis_url: str, private_root: Path, signing_key: Path,
                       signing_cert: Path, signing_ca: Path, cache_prefix: str, log_level: str = "ERROR",
                       **extra: str) -> dict[str, str]:
    """The environment of a portal process (local settings) pointed at the given database, Redis,
    private files and signing identity, with a fresh secret key and mail kept in memory. ``extra``
    adds or overrides variables (``CELERY_VISIBILITY_TIMEOUT``, ``AUDIT_CHECKPOINT_FILE``, ...)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.local",
        "DJANGO_SECRET_KEY": "not-a-deployment-" + uuid.uuid4().hex * 2,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": cache_prefix,
        "PORTAL_PRIVATE_ROOT": str(private_root),
        "LETTER_SIGNING_KEY": str(signing_key),
        "LETTER_SIGNING_CERT": str(signing_cert),
        "LETTER_SIGNING_CA": str(signing_ca),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": log_level,
        **extra,
    }


def start_celery_worker(*, env: dict[str, str], queues: str, concurrency: int = 1, name: str = "worker",
                        loglevel: str = "ERROR", log: Path | None = None) -> subprocess.Popen:
    """Start a prefork worker (as `make run` starts it) on ``queues`` (comma-separated), in its own
    process group. Its log goes to ``log`` (appended) or to this process's stderr; its banner is
    dropped, so a benchmark's stdout keeps only figures. Gossip, mingle and heartbeats are off: a
    test's worker talks to nobody but its broker."""
    stderr = log.open("ab") if log is not None else None
    try:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [sys.executable, "-m", "celery", "-A", "portal", "worker", "-Q", queues,
             "--concurrency", str(concurrency), "--pool", "prefork",
             "--hostname", f"{name}-{uuid.uuid4().hex[:6]}@localhost", "--loglevel", loglevel,
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
            start_new_session=True,
        )
    finally:
        if stderr is not None:
            stderr.close()  # the child holds its own copy


def wait_for_celery_worker(queue: str, *, timeout: float = 120) -> None:
    """Return once a worker's pool process has answered a task on ``queue`` (Celery's built-in
    ``celery.accumulate``, which only echoes). A pool process runs ``worker_process_init`` (the letter
    renderer's warm-up) before it takes any task, so a ready worker is a warm one."""
    # Imported here: the Celery app reads Django's settings, which the caller may set up after
    # importing this module (a benchmark points the environment at its scratch database first).
    from portal.celery import app  # noqa: PLC0415 - Celery app reads settings the caller sets later

    app.send_task("celery.accumulate", args=[1], queue=queue).get(timeout=timeout)


def stop_process_group(process: subprocess.Popen | None, sig: int = signal.SIGTERM, *, grace_s: float = 30) -> None:
    """Send ``sig`` to a process started in its own session and everything it started; SIGKILL after
    ``grace_s`` if it is still there. Nothing happens to a process that has already exited."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
