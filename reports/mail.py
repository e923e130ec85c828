"""Mail about reports: reminders, overdue flags and the office's answer to a report. Called after
commit, never inside a transaction. Korean first, English after, like every mail of the portal."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from portal.accounts.enums import Role
from portal.accounts.models import User
from portal.common.mail import bilingual
from reports.enums import ReminderKind
from reports.models import FindingsReport, SentReminder

logger = logging.getLogger(__name__)


def company_recipients(company_id: int) -> list[str]:
    """The company's active CISO and staff with an e-mail address."""
    emails = User.objects.filter(company_id=company_id, is_active=True).exclude(email="").order_by("id")
    return list(dict.fromkeys(emails.values_list("email", flat=True)))


def office_recipients() -> list[str]:
    emails = User.objects.filter(role=Role.PROGRAM_ADMIN, is_active=True).exclude(email="").order_by("id")
    return list(dict.fromkeys(emails.values_list("email", flat=True)))


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def send_reminder(reminder_id: int) -> bool:
    """Send one recorded reminder. When the mail cannot be sent the record is removed, so the next
    run of the daily job tries again. Returns whether it went out."""
    reminder = SentReminder.objects.select_related("letter__application").filter(pk=reminder_id).first()
    if reminder is None:
        return False
    letter = reminder.letter
    to = company_recipients(letter.application.company_id)
    # The office's copy of an overdue reminder is blind: the company never sees who in the office reads
    # it (portal.accounts.rules).
    office = office_recipients() if reminder.kind == ReminderKind.OVERDUE else []
    if not to and not office:
        return False
    context = {
        "reminder": reminder, "letter": letter,
        "url": _absolute(reverse("reports:letter", kwargs={"reference": letter.reference})),
    }
    subject, body = bilingual("reports/email/reminder", context)
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to or office, bcc=office if to else []).send()
    except OSError:
        logger.warning("reminder %s not sent; the next run retries it", reminder_id)
        SentReminder.objects.filter(pk=reminder_id).delete()
        return False
    SentReminder.objects.filter(pk=reminder_id).update(recipients=len(to) + len(office))
    return True


def send_review_outcome(report_id: int) -> None:
    """Tell the company that the office accepted its report or asked for more."""
    report = FindingsReport.objects.select_related("letter__application").filter(pk=report_id).first()
    if report is None:
        return
    to = company_recipients(report.letter.application.company_id)
    if not to:
        return
    context = {"report": report, "letter": report.letter,
               "url": _absolute(reverse("reports:report-detail", kwargs={"pk": report.pk}))}
    subject, body = bilingual("reports/email/review", context)
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to).send()
    except OSError:
        # After commit the decision stands; a mail server that is down must not turn it into an error.
        logger.exception("could not send the review mail for report %s", report_id)
