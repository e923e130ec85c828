"""Mail to experts: a new assignment, a due date coming up, a due date passed. Called after commit."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from portal.mail import bilingual

from .models import Assignment

logger = logging.getLogger(__name__)


def _send(assignment: Assignment, template: str, extra: dict | None = None, *, raise_errors: bool = False) -> bool:
    """Render Korean first, English after, and send to the expert. False when there is nobody to
    send to, or when the mail server refused (logged; the caller's change stands) unless
    ``raise_errors``."""
    email = assignment.expert.email
    if not email:
        return False
    context = {
        "assignment": assignment,
        "application": assignment.application,
        "url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("screening:review", args=[assignment.application_id]),
        **(extra or {}),
    }
    subject, body = bilingual(f"screening/review/email/{template}", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    except OSError:
        if raise_errors:
            raise
        logger.exception("Could not send the %s mail for assignment %s", template, assignment.pk)
        return False
    return True


def send_assignment_notice(assignment_id: int) -> None:
    assignment = (Assignment.objects.active().select_related("expert", "application__company")
                  .filter(pk=assignment_id).first())
    if assignment is not None:
        _send(assignment, "assigned")


def send_reminder(assignment: Assignment, kind: str) -> bool:
    """Raises OSError when the mail server refuses, so that the reminder is tried again next time."""
    return _send(assignment, "reminder", {"kind": kind}, raise_errors=True)
