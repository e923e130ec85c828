"""Celery tasks of letters. Each takes ids (or nothing) and calls a service; each may run twice.

``issue_letter`` runs on the ``letters`` queue (CELERY_TASK_ROUTES) with late acknowledgement: a worker killed mid-render
leaves the message unacknowledged, the broker hands it out again (after the visibility timeout on
Redis), and the service's exactly-once commit makes the rerun harmless. Transient failures (the
database, a full disk) are retried a bounded number of times; after that the periodic sweep queues
the application again, so an approved application always ends up with its letter.
"""

import datetime as dt
import gc
import logging

from celery import shared_task
from celery.signals import worker_process_init
from django.db import DatabaseError
from django.utils import timezone

from letters.pdf.render import warm_up
from letters.services import applications_awaiting_letter, letter_issue, letters_expire_due
from portal.errors import Conflict, NotFound

logger = logging.getLogger(__name__)

SWEEP_GRACE = dt.timedelta(minutes=2)  # leave freshly approved applications to their own task


@shared_task(
    name="letters.issue_letter", acks_late=True, reject_on_worker_lost=True, track_started=True,
    autoretry_for=(DatabaseError, OSError), max_retries=5, retry_backoff=2, retry_backoff_max=120,
    retry_jitter=True, soft_time_limit=120, time_limit=180,
)
def issue_letter(application_id: int) -> str | None:
    """Issue the letter of an approved application (idempotent). Returns its reference."""
    try:
        return letter_issue(application_id=int(application_id)).reference
    except (Conflict, NotFound) as refusal:
        # Not approved (any more) or gone: nothing to issue, and retrying would not change that.
        logger.warning("no letter for application %s: %s", application_id, refusal.message)
        return None


@worker_process_init.connect
def prepare_worker_process(**_kwargs) -> None:
    """Each worker process loads the fonts, stylesheets and annex when it starts, not on its first
    letter, then freezes what it holds so far out of the garbage collector's sight: a worker process
    holds some 200,000 long-lived objects (Django, Celery, fonts), and every full collection during a
    render would walk them all (a third of a letter's time, measured)."""

    try:
        warm_up()
    except Exception:  # a worker that cannot warm up still serves its other queues
        logger.exception("could not warm up the letter renderer")
    gc.freeze()


@shared_task(name="letters.sweep_unissued")
def sweep_unissued() -> int:
    """Periodic: queue every approved application that still has no letter (lost task, broker down at
    approval time, retries exhausted). Queuing one twice is harmless."""

    queued = 0
    for application_id in applications_awaiting_letter(approved_before=timezone.now() - SWEEP_GRACE).values_list(
            "id", flat=True):
        issue_letter.delay(application_id)
        queued += 1
    if queued:
        logger.info("queued %d letters again", queued)
    return queued


@shared_task(name="letters.expire_letters")
def expire_letters() -> int:
    """Daily: letters past ``valid_until`` become expired (and their applications). Idempotent."""

    return len(letters_expire_due())
