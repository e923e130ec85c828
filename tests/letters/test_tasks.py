"""The issuance task through a real Celery worker (in a thread) on the real Redis broker.

Approving queues the letter after commit; a worker issues it; a duplicate or a sweep changes nothing;
with the broker down at approval time the approval stands and the sweep issues the letter later.
Results are awaited with ``AsyncResult.get`` (the worker consumes one queue in order), never by sleeping.
"""

import datetime as dt

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from letters.models import Letter, LetterStatus
from letters.services import letter_issue_queue
from letters.tasks import issue_letter, sweep_unissued
from portal.celery import app
from screening.enums import ApplicationState
from screening.services import application_approve
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def worker():
    """A worker thread consuming the letters queue. Messages other test runs left in the queue may be
    processed first; they name applications that do not exist here (or are idempotent), so harmless."""
    with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, queues=["letters"],
                      shutdown_timeout=60, loglevel="WARNING") as running:
        yield running


@pytest.fixture
def broker_down():
    """Producing goes to a port where nothing listens (the worker keeps reading the real broker)."""

    def reset_pools():
        app._pool = None
        app.amqp._producer_pool = None

    def down():
        app.conf.broker_write_url = "redis://127.0.0.1:1/0"
        reset_pools()

    def up():
        app.conf.broker_write_url = None
        reset_pools()

    yield down, up
    up()


def test_approving_queues_the_letter_and_a_worker_issues_it_once(worker, program_admin):
    application = ApplicationFactory(screened=True)
    application_approve(application=application, actor=program_admin, reason="요건 충족")  # queues on commit

    # The same task again (a duplicate delivery): the single worker runs both in order; one letter.
    reference = issue_letter.apply_async(args=[application.pk]).get(timeout=120)

    letter = Letter.objects.get(application=application)
    assert letter.reference == reference and letter.status == LetterStatus.VALID
    application.refresh_from_db()
    assert application.state == ApplicationState.GRANTED
    assert Letter.objects.count() == 1


def test_broker_down_at_approval_then_the_sweep_issues_the_letter(worker, program_admin, broker_down):
    down, up = broker_down
    application = ApplicationFactory(screened=True)
    down()
    application_approve(application=application, actor=program_admin, reason="요건 충족")  # no exception
    application.refresh_from_db()
    assert application.state == ApplicationState.APPROVED  # the approval stands
    assert letter_issue_queue(application_id=application.pk) is False  # and queuing fails, quietly
    up()

    # Past the sweep's grace period, the sweep queues it; a marker task behind it lets us wait.
    application.__class__.objects.filter(pk=application.pk).update(decided_at=timezone.now() - dt.timedelta(minutes=10))
    assert sweep_unissued.apply().get() == 1
    issue_letter.apply_async(args=[application.pk]).get(timeout=120)

    application.refresh_from_db()
    assert application.state == ApplicationState.GRANTED
    assert Letter.objects.filter(application=application).count() == 1


def test_a_task_for_an_application_that_is_not_approved_finishes_without_a_letter(worker):
    application = ApplicationFactory(rejected=True)
    assert issue_letter.apply_async(args=[application.pk]).get(timeout=60) is None
    assert issue_letter.apply_async(args=[10**9]).get(timeout=60) is None
    assert not Letter.objects.exists()


def test_the_task_is_routed_to_the_letters_queue_with_late_acks(settings):
    for name in ("letters.issue_letter", "letters.sweep_unissued", "letters.expire_letters"):
        assert app.amqp.router.route({}, name)["queue"].name == "letters"
    assert "letters" in settings.CELERY_TASK_QUEUES_ALL  # the worker `make run` starts consumes it
    assert issue_letter.acks_late and issue_letter.reject_on_worker_lost
    assert issue_letter.max_retries == 5
    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} >= {
        "letters.sweep_unissued", "letters.expire_letters"}
