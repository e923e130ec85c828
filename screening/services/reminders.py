"""Reminders to experts: a few days before an assignment is due, and once when it is overdue.

Idempotent: each reminder (assignment, kind, due date) is recorded under a unique constraint in the
same transaction that sends it, so running the job twice, or twice at once, never sends one twice; a
mail server that refuses rolls the record back and the reminder goes out on the next run.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from screening.enums import REMINDER_DAYS_BEFORE, ApplicationState, AssignmentKind, ReminderKind
from screening.mail import send_reminder
from screening.models import Assignment, ReviewReminder

logger = logging.getLogger(__name__)


def reminders_owed(today: dt.date) -> list[tuple[Assignment, str]]:
    """(assignment, kind) of every reminder due today and not yet sent: open assignments of
    applications under review whose sheet or assessment is not submitted."""
    done = (Q(kind=AssignmentKind.REVIEWER, score_sheet__submitted_at__isnull=False)
            | Q(kind=AssignmentKind.ADVISOR, assessment__submitted_at__isnull=False))
    open_work = (
        Assignment.objects.active()
        .filter(application__state=ApplicationState.UNDER_REVIEW, expert__is_active=True)
        .exclude(done)
        .select_related("expert", "application__company")
        .order_by("due_on", "id")
    )
    owed = []
    for kind, window in (
        (ReminderKind.OVERDUE, Q(due_on__lt=today)),
        (ReminderKind.DUE_SOON, Q(due_on__gte=today, due_on__lte=today + dt.timedelta(days=REMINDER_DAYS_BEFORE))),
    ):
        sent = ReviewReminder.objects.filter(assignment=OuterRef("pk"), kind=kind, due_on=OuterRef("due_on"))
        owed.extend((a, kind) for a in open_work.filter(window).exclude(Exists(sent)))
    return owed


def send_review_reminders(*, today: dt.date | None = None) -> int:
    """Send every reminder owed today (Asia/Seoul); return how many went out."""

    today = today or timezone.localdate()
    sent = 0
    for assignment, kind in reminders_owed(today):
        try:
            with transaction.atomic():
                ReviewReminder.objects.create(assignment=assignment, kind=kind, due_on=assignment.due_on,
                                              sent_at=timezone.now())
                send_reminder(assignment, kind)
        except IntegrityError:
            continue  # another run sent it a moment ago
        except OSError:
            logger.warning("Reminder %s for assignment %s not sent; will retry", kind, assignment.pk)
            continue
        sent += 1
    return sent
