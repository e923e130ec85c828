"""Races with real threads against PostgreSQL: two filings of one report make one chain of versions;
two reminder jobs at once send each reminder once; an edit and the filing of one draft do not mix."""

import datetime as dt

import pytest
from django.core import mail

from portal.errors import PortalError
from reports.models import FindingsReport, SentReminder
from reports.services import report_submit, report_update_draft, send_report_reminders
from tests.factories import LetterFactory, UserFactory, finding_data, report_body
from tests.races import race

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", range(2))
def test_two_filings_at_once_make_one_chain(attempt):
    letter = LetterFactory()
    ciso = UserFactory(ciso=True, company=letter.application.company)
    results = race(*(lambda: report_submit(letter=letter, actor=ciso, kind="interim", data=report_body(),
                                            draft=False) for _ in range(2)))
    assert all(isinstance(r, tuple) for r in results), results
    chain = list(FindingsReport.objects.filter(letter=letter).order_by("version"))
    assert [r.version for r in chain] == [1, 2]
    assert chain[1].supersedes_id == chain[0].pk and chain[0].supersedes_id is None
    assert all(r.findings.count() == 1 for r in chain)


def test_editing_and_filing_a_draft_at_once_leave_one_consistent_report():
    letter = LetterFactory()
    ciso = UserFactory(ciso=True, company=letter.application.company)
    draft, _ = report_submit(letter=letter, actor=ciso, kind="final", data=report_body(), draft=True)
    edited = report_body(findings=0)
    edited["findings"] = [finding_data(severity="low"), finding_data(severity="low")]
    results = race(
        lambda: report_update_draft(report=draft, actor=ciso, data=report_body(), file=True),
        lambda: report_update_draft(report=draft, actor=ciso, data=edited, file=False),
    )
    report = FindingsReport.objects.get(pk=draft.pk)
    assert report.is_filed
    if isinstance(results[1], PortalError):  # the edit came second: refused, the filed content stands
        assert results[1].code == "report_filed" and report.findings.count() == 1
    else:  # the edit came first and the filing took its own content
        assert report.findings.count() == 1


def test_two_reminder_jobs_at_once_send_each_reminder_once(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    issued = dt.datetime(2026, 7, 1, 1, tzinfo=dt.UTC)
    letter = LetterFactory(issued_at=issued)
    UserFactory(ciso=True, company=letter.application.company, email="ciso@bank.test")
    mail.outbox = []
    day = dt.date(2026, 12, 10)
    results = race(lambda: send_report_reminders(today=day), lambda: send_report_reminders(today=day))
    assert sorted(results) == [0, 1]
    assert SentReminder.objects.count() == 1
    assert len(mail.outbox) == 1
