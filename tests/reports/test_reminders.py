"""Reminders before due dates and expiry, overdue flags, idempotence; and the daily expiry of letters."""

import datetime as dt

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from letters.models import LetterStatus
from letters.services import letters_expire_due
from reports.models import Obligation, SentReminder
from reports.services import obligations_sync, reminders_owed, report_request_more, send_report_reminders
from screening.enums import ApplicationState
from tests.factories import FindingsReportFactory, LetterFactory, UserFactory, report_body

pytestmark = pytest.mark.django_db

ISSUED = dt.datetime(2026, 7, 1, 1, tzinfo=dt.UTC)  # effective 2026-07-01: interim due 2027-01-01


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def letter(company, program_admin):
    UserFactory(ciso=True, company=company, email="ciso@bank.test")
    return LetterFactory(application__company=company, issued_at=ISSUED)


def run(day, capture):
    with capture(execute=True):
        return send_report_reminders(today=day)


def test_the_job_creates_obligations(letter):
    assert not Obligation.objects.exists()
    send_report_reminders(today=dt.date(2026, 8, 1))
    assert set(Obligation.objects.values_list("kind", "due_on")) == {
        ("interim", dt.date(2027, 1, 1)), ("final", dt.date(2027, 5, 31))}


def test_nothing_far_ahead(letter, django_capture_on_commit_callbacks):
    assert run(dt.date(2026, 11, 1), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_thirty_days_before_then_seven_then_overdue_each_once(letter, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    assert run(dt.date(2026, 12, 10), capture) == 1
    assert run(dt.date(2026, 12, 10), capture) == 0  # twice the same day: nothing twice
    assert run(dt.date(2026, 12, 11), capture) == 0
    assert len(mail.outbox) == 1
    assert "ciso@bank.test" in mail.outbox[0].to and "2027-01-01" in mail.outbox[0].subject
    assert run(dt.date(2026, 12, 27), capture) == 1  # 5 days before: the 7-day reminder
    assert run(dt.date(2027, 1, 2), capture) == 1  # overdue, copied to the office
    assert run(dt.date(2027, 1, 3), capture) == 0
    overdue = mail.outbox[-1]
    office = letter.application.company.users.model.objects.get(role="program_admin").email
    # A blind copy: the company's mail names nobody in the office.
    assert overdue.bcc == [office] and overdue.cc == [] and office not in overdue.message().as_string()
    assert list(SentReminder.objects.values_list("subject", "kind").order_by("id")) == [
        ("interim", "days_30"), ("interim", "days_7"), ("interim", "overdue")]


def test_a_late_first_run_sends_only_the_nearest_reminder(letter, django_capture_on_commit_callbacks):
    assert run(dt.date(2026, 12, 29), django_capture_on_commit_callbacks) == 1
    assert SentReminder.objects.get().kind == "days_7"


def test_expiry_reminders(letter, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    FindingsReportFactory(letter=letter, kind="interim", filed=True)
    FindingsReportFactory(letter=letter, kind="final", filed=True)
    assert run(dt.date(2027, 6, 5), capture) == 1
    assert run(dt.date(2027, 6, 25), capture) == 1
    assert list(SentReminder.objects.values_list("subject", "kind")) == [("expiry", "days_30"), ("expiry", "days_7")]
    assert "2027-06-30" in mail.outbox[0].subject


def test_filed_reports_are_not_reminded(letter, django_capture_on_commit_callbacks):
    FindingsReportFactory(letter=letter, kind="interim", filed=True)
    assert run(dt.date(2027, 1, 5), django_capture_on_commit_callbacks) == 0


def test_revoked_and_expired_letters_are_not_reminded(company, django_capture_on_commit_callbacks):
    LetterFactory(revoked=True, application__company=company, issued_at=ISSUED)
    assert run(dt.date(2027, 1, 5), django_capture_on_commit_callbacks) == 0


def test_a_new_date_from_the_office_is_reminded_afresh(letter, program_admin):
    report = FindingsReportFactory(letter=letter, kind="interim", filed=True)
    report_request_more(report=report, actor=program_admin, note="보완",
                        resubmit_by=timezone.localdate() + dt.timedelta(days=60))
    due = report.__class__.objects.get(pk=report.pk).resubmit_by
    owed = reminders_owed(due - dt.timedelta(days=3))
    assert [(o.subject, o.kind, o.due_on) for o in owed if o.subject == "interim"] == [("interim", "days_7", due)]


def test_a_refused_mail_is_retried_next_run(letter, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.reports.test_reminders.RefusingBackend"
    assert run(dt.date(2026, 12, 10), django_capture_on_commit_callbacks) == 1
    assert not SentReminder.objects.exists()  # not sent, so not recorded
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run(dt.date(2026, 12, 11), django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 1 and SentReminder.objects.get().recipients == len(mail.outbox[0].to)


def test_sync_is_idempotent(letter):
    LetterFactory.create_batch(2)
    assert obligations_sync() == 3
    assert obligations_sync() == 0
    assert Obligation.objects.count() == 6


def test_daily_expiry_moves_letter_and_application_and_reports_are_refused(api, company, letter):
    ciso = letter.application.company.users.get(role="ciso")
    assert letters_expire_due(today=dt.date(2027, 6, 30)) == []
    assert letters_expire_due(today=dt.date(2027, 7, 1)) == [letter.reference]
    assert letters_expire_due(today=dt.date(2027, 7, 1)) == []  # idempotent
    letter.refresh_from_db()
    assert letter.status == LetterStatus.EXPIRED
    assert letter.application.__class__.objects.get(pk=letter.application_id).state == ApplicationState.EXPIRED
    response = api.as_user(ciso).post(f"/api/v1/letters/{letter.reference}/reports/", report_body(), format="json")
    assert response.status_code == 409 and response.json()["code"] == "letter_expired"
