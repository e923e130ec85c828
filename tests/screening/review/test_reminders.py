"""Reminders before the due date and when overdue: idempotent, never the same one twice."""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.utils import timezone

from screening.models import ReviewReminder
from screening.services.reminders import send_review_reminders
from screening.tasks import send_review_reminders as reminders_task
from tests.factories import ApplicationFactory, AssignmentFactory, ScoreSheetFactory

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def _due_in(days: int, **kwargs):
    return AssignmentFactory(due_on=timezone.localdate() + dt.timedelta(days=days), **kwargs)


def test_due_soon_and_overdue_once_each():
    soon = _due_in(2)
    late = _due_in(-1)
    _due_in(10)  # not yet
    assert send_review_reminders() == 2
    assert {m.to[0] for m in mail.outbox} == {soon.expert.email, late.expert.email}
    assert set(ReviewReminder.objects.values_list("assignment_id", "kind")) == {(soon.pk, "due_soon"),
                                                                              (late.pk, "overdue")}
    # Running again (and through the task) sends nothing new.
    assert send_review_reminders() == 0
    assert reminders_task() == 0
    assert len(mail.outbox) == 2


def test_due_soon_then_overdue_later():
    assignment = _due_in(1)
    today = timezone.localdate()
    assert send_review_reminders(today=today) == 1
    assert send_review_reminders(today=today + dt.timedelta(days=1)) == 0  # due today: already reminded
    assert send_review_reminders(today=today + dt.timedelta(days=2)) == 1  # now overdue
    assert send_review_reminders(today=today + dt.timedelta(days=5)) == 0
    assert list(ReviewReminder.objects.filter(assignment=assignment).values_list("kind", flat=True)) == [
        "due_soon", "overdue"]


def test_a_new_due_date_is_reminded_again():
    assignment = _due_in(-2)
    assert send_review_reminders() == 1
    assignment.due_on = timezone.localdate() + dt.timedelta(days=2)
    assignment.save()
    assert send_review_reminders() == 1
    assert ReviewReminder.objects.filter(assignment=assignment).count() == 2


def test_nothing_for_done_removed_or_not_under_review():
    ScoreSheetFactory(assignment=_due_in(-1))
    removed = _due_in(-1)
    removed.removed_at = timezone.now()
    removed.save()
    _due_in(-1, application=ApplicationFactory(scheduled=True))
    assert send_review_reminders() == 0
    assert mail.outbox == []


def test_a_refused_mail_is_tried_again(settings):
    _due_in(-1)
    settings.EMAIL_BACKEND = "tests.screening.review.test_reminders.RefusingBackend"
    assert send_review_reminders() == 0
    assert not ReviewReminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_review_reminders() == 1


def test_beat_runs_it():
    entry = settings.CELERY_BEAT_SCHEDULE["screening-review-reminders"]
    assert entry["task"] == "screening.send_review_reminders"


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_one_reminder():
    _due_in(-1)
    barrier = threading.Barrier(2)
    counts = []

    def run():
        try:
            barrier.wait(timeout=10)
            counts.append(send_review_reminders())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(counts) == [0, 1]
    assert ReviewReminder.objects.count() == 1
    assert len(mail.outbox) == 1
