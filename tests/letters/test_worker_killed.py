"""A real worker process (prefork, as `make run` starts it) killed while it renders a letter.

Two ways to die: the pool's child process is killed (the worker rejects the message and the broker
hands it out again at once: reject_on_worker_lost), and the whole worker is killed (the message stays
unacknowledged and Redis hands it out again after the visibility timeout, shortened here to 2 s).
Either way the application gets exactly one letter and the references stay gapless. We wait for the
task to be STARTED (track_started) rather than sleeping, then kill.
"""

import os
import signal
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from letters.models import Letter
from letters.selectors import issuance_integrity
from letters.tasks import issue_letter
from portal.testing.processes import (
    portal_process_env,
    start_celery_worker,
    stop_process_group,
    wait_for_celery_worker,
)
from screening.enums import ApplicationState
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def start_worker(signing_files, settings):
    queue = f"letters-killed-{uuid.uuid4().hex[:8]}"
    env = portal_process_env(
        database_url=database_url(), redis_url=settings.REDIS_URL,
        private_root=settings.PRIVATE_STORAGE_ROOT, signing_key=signing_files.key,
        signing_cert=signing_files.cert, signing_ca=signing_files.ca,
        cache_prefix=settings.CACHES["default"].get("KEY_PREFIX", "nal-test"), log_level="WARNING",
        CELERY_VISIBILITY_TIMEOUT="2",
    )
    workers = []

    def start():
        worker = start_celery_worker(env=env, queues=queue, name="killed")
        workers.append(worker)
        wait_for_celery_worker(queue)  # ready (and warmed up)
        return worker

    yield queue, start
    for worker in workers:
        stop_process_group(worker)


def wait_until_started(result, deadline_s: float = 60.0) -> dict:
    deadline = time.monotonic() + deadline_s
    while result.state != "STARTED":
        assert time.monotonic() < deadline, f"task never started (state {result.state})"
        time.sleep(0.002)
    return result.info


def assert_one_letter(application, reference, number):
    letter = Letter.objects.get(application=application)
    assert letter.reference == reference and letter.number == number
    application.refresh_from_db()
    assert application.state == ApplicationState.GRANTED
    assert issuance_integrity().ok  # no other letter, no gap, the stored PDF as recorded


def test_a_worker_killed_mid_render_still_issues_exactly_one_letter(start_worker):
    queue, start = start_worker
    worker = start()
    first = ApplicationFactory(approved=True)

    # 1. The pool's child dies: the worker rejects the message, a new child runs the task again.
    result = issue_letter.apply_async(args=[first.pk], queue=queue)
    os.kill(wait_until_started(result)["pid"], signal.SIGKILL)
    assert_one_letter(first, result.get(timeout=180), number=1)

    # 2. The whole worker dies: nobody rejects; the message comes back after the visibility timeout
    #    (2 s here instead of an hour) to the next worker.
    second = ApplicationFactory(approved=True)
    result = issue_letter.apply_async(args=[second.pk], queue=queue)
    wait_until_started(result)
    stop_process_group(worker, signal.SIGKILL)
    start()
    assert_one_letter(second, result.get(timeout=180), number=2)

    assert issuance_integrity().letters == 2
    assert settings.CELERY_TASK_ACKS_LATE and issue_letter.reject_on_worker_lost
