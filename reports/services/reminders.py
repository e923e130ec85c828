"""Reminders before each report's due date and before the letter expires, and the overdue flag.

Thresholds: 30 and 7 days before (the nearest one reached; a job that first runs 5 days before sends
the 7-day reminder only), and once when a report is overdue (to the company, copied to the program
office). Only letters in force are reminded about; a filed or accepted report stops its reminders.

Idempotent: each reminder (letter, subject, kind, the date it is about) is recorded under a unique
constraint before its mail goes out after commit, so running the job twice, or twice at once, never
sends one twice. A mail server that refuses removes the record again, so the next run retries it.
A new due date (the office asked for more) is a new date, and is reminded about afresh.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from letters.models import Letter, LetterStatus
from reports.domain.obligations import OPEN_STATES
from reports.enums import REMINDER_THRESHOLDS, ReminderKind, ReminderSubject
from reports.mail import send_reminder
from reports.models import Obligation, SentReminder
from reports.selectors import today_in_seoul, with_states
from reports.services.obligations import obligations_sync

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OwedReminder:
    letter_id: int
    subject: str
    kind: str
    due_on: dt.date


def reminder_kind(days_left: int) -> str | None:
    """Which reminder a date ``days_left`` days ahead calls for today (negative: overdue)."""
    if days_left < 0:
        return ReminderKind.OVERDUE
    for days, kind in REMINDER_THRESHOLDS:
        if days_left <= days:
            return kind
    return None


def reminders_owed(today: dt.date) -> list[OwedReminder]:
    """Every reminder due today and not yet sent, in four queries whatever the number of letters."""
    in_force = Letter.objects.filter(status=LetterStatus.VALID, valid_from__lte=today, valid_until__gte=today)
    owed: list[OwedReminder] = []
    for letter_id, valid_until in in_force.values_list("id", "valid_until"):
        kind = reminder_kind((valid_until - today).days)
        if kind and kind != ReminderKind.OVERDUE:
            owed.append(OwedReminder(letter_id, ReminderSubject.EXPIRY, kind, valid_until))
    rows = with_states(Obligation.objects.filter(letter__in=in_force.values("pk")).values(
        "id", "letter_id", "kind", "due_on"), today)
    for row in rows:
        if row["state"] not in OPEN_STATES:
            continue
        kind = reminder_kind((row["effective_due_on"] - today).days)
        if kind:
            owed.append(OwedReminder(row["letter_id"], row["kind"], kind, row["effective_due_on"]))
    if not owed:
        return []
    sent = set(SentReminder.objects.filter(letter_id__in={o.letter_id for o in owed}).values_list(
        "letter_id", "subject", "kind", "due_on"))
    return [o for o in owed if (o.letter_id, o.subject, o.kind, o.due_on) not in sent]


def send_report_reminders(*, today: dt.date | None = None) -> int:
    """The daily job: create missing obligations, then send every reminder owed today (Asia/Seoul).
    Returns how many reminders were recorded for sending."""
    obligations_sync()
    today = today or today_in_seoul()
    recorded = 0
    for owed in reminders_owed(today):
        try:
            with transaction.atomic():
                reminder = SentReminder.objects.create(letter_id=owed.letter_id, subject=owed.subject,
                                                       kind=owed.kind, due_on=owed.due_on)
                transaction.on_commit(lambda pk=reminder.pk: send_reminder(pk))
        except IntegrityError:
            continue  # another run recorded it a moment ago
        recorded += 1
    return recorded
