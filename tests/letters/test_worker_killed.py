"""A real worker process (prefork, as `make run` starts it) killed while it renders a letter.

Two ways to die: the pool's child process is killed (the worker rejects the message and the broker
hands it out again at once: reject_on_worker_lost), and the whole worker is killed (the message stays
unacknowledged and Redis hands it out again after the visibility timeout, shortened here to 2 s).
Either way the application gets exactly one letter and the references stay gapless. We wait for the
task to be STARTED (track_started) rather than sleeping, then kill.
"""

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from letters.models import Letter
from letters.storage import read_letter_pdf, sha256_hex
from letters.tasks import issue_letter
from screening.enums import ApplicationState
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def start_worker(signing_files, settings):
    queue = f"letters-killed-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.local",
        "DJANGO_SECRET_KEY": "worker-in-a-test-" + uuid.uuid4().hex,
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CACHE_KEY_PREFIX": settings.CACHES["default"].get("KEY_PREFIX", "nal-test"),
        "PORTAL_PRIVATE_ROOT": str(settings.PRIVATE_STORAGE_ROOT),
        "LETTER_SIGNING_KEY": str(signing_files.key),
        "LETTER_SIGNING_CERT": str(signing_files.cert),
        "LETTER_SIGNING_CA": str(signing_files.ca),
        "CELERY_VISIBILITY_TIMEOUT": "2",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    workers = []

    def start():
        worker = subprocess.Popen(
            [str(ROOT / ".venv/bin/celery"), "-A", "portal", "worker", "-Q", queue, "--concurrency", "1",
             "--pool", "prefork", "--hostname", f"killed-{uuid.uuid4().hex[:6]}@localhost",
             "--loglevel", "ERROR", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, start_new_session=True,
        )
        workers.append(worker)
        issue_letter.apply_async(args=[0], queue=queue).get(timeout=120)  # ready (and warmed up)
        return worker

    yield queue, start
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()


def wait_until_started(result, deadline_s: float = 60.0) -> dict:
    deadline = time.monotonic() + deadline_s
    while result.state != "STARTED":
        assert time.monotonic() < deadline, f"task never started (state {result.state})"
        time.sleep(0.002)
    return result.info


def assert_one_letter(application, reference, number):
    letters = list(Letter.objects.filter(application=application))
    assert len(letters) == 1 and letters[0].reference == reference and letters[0].number == number
    assert sha256_hex(read_letter_pdf(letters[0].pdf_name)) == letters[0].sha256
    application.refresh_from_db()
    assert application.state == ApplicationState.GRANTED


def test_a_worker_killed_mid_render_still_issues_exactly_one_letter(start_worker):
    queue, start = start_worker
    worker = start()
    first, second = ApplicationFactory(approved=True), ApplicationFactory(approved=True)

    # 1. The pool's child dies: the worker rejects the message, a new child runs the task again.
    result = issue_letter.apply_async(args=[first.pk], queue=queue)
    os.kill(wait_until_started(result)["pid"], signal.SIGKILL)
    assert_one_letter(first, result.get(timeout=180), number=1)

    # 2. The whole worker dies: nobody rejects; the message comes back after the visibility timeout
    #    (2 s here instead of an hour) to the next worker.
    result = issue_letter.apply_async(args=[second.pk], queue=queue)
    wait_until_started(result)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    start()
    assert_one_letter(second, result.get(timeout=180), number=2)

    assert Letter.objects.count() == 2
    assert settings.CELERY_TASK_ACKS_LATE and issue_letter.reject_on_worker_lost
