"""letters_50_one_worker_s: 50 approved applications to 50 stored, signed letters with one worker.

A real Celery worker process (prefork, concurrency 1, as `make run` starts it but with one process)
consumes a queue of its own on the real Redis, against a scratch PostgreSQL database made for the
run and dropped afterwards. The clock runs from queuing the first of the 50 issuance tasks to the
last letter being committed (each task's result is its reference); starting the worker and its
one-time warm-up (fonts, stylesheets) are not counted. Also printed: letters_50_one_worker_per_letter_ms.
"""

import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

import django
from django.db import connections

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support.scratch import drop_database, portal_env, prepare_portal_database, scratch_database  # noqa: E402
from portal.celery import app as celery_app  # noqa: E402
from portal.testing.processes import start_celery_worker, stop_process_group, wait_for_celery_worker  # noqa: E402

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
LETTERS = 50


def main() -> None:
    db_name, db_url = scratch_database("bench_letters")
    work = Path(tempfile.mkdtemp(prefix="bench-letters-"))
    queue = f"bench-letters-{uuid.uuid4().hex[:8]}"
    env = portal_env(work=work, db_url=db_url, redis_url=REDIS_URL, cache_prefix="bench-letters", log_level="WARNING")
    os.environ.update(env)
    worker = None
    try:
        django.setup()  # here, not at import: the settings come from the scratch environment set above
        from letters.models import Letter  # noqa: PLC0415 - needs django.setup(), which needs the scratch environment main() sets
        from letters.selectors import issuance_integrity  # noqa: PLC0415 - needs django.setup(), which needs the scratch environment main() sets
        from letters.tasks import issue_letter  # noqa: PLC0415 - needs django.setup(), which needs the scratch environment main() sets
        from tests.factories import ApplicationFactory  # noqa: PLC0415 - needs django.setup(), which needs the scratch environment main() sets

        prepare_portal_database(env)
        application_ids = [ApplicationFactory(approved=True).pk for _ in range(LETTERS)]

        worker = start_celery_worker(env=env, queues=queue, concurrency=1, name="bench", loglevel="WARNING")
        # Not counted: starting the worker and its warm-up (a ready worker's pool process has warmed up
        # the renderer in worker_process_init before it took any task).
        wait_for_celery_worker(queue)

        start = time.perf_counter()
        results = [issue_letter.apply_async(args=[pk], queue=queue) for pk in application_ids]
        references = [result.get(timeout=600) for result in results]
        elapsed = time.perf_counter() - start

        integrity = issuance_integrity()  # one letter each, numbers 1..50, every PDF as recorded
        assert integrity.ok and integrity.letters == LETTERS, integrity
        assert sorted(references) == list(Letter.objects.order_by("number").values_list("reference", flat=True))
        celery_app.close()
        print(f"letters_50_one_worker_s: {elapsed:.2f} s")
        print(f"letters_50_one_worker_per_letter_ms: {elapsed * 1000 / LETTERS:.1f} ms")
    finally:
        stop_process_group(worker)
        connections.close_all()
        drop_database(db_name)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
