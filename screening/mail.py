"""Screening's mail, always sent after commit, never inside a transaction: to the company at each
change of its application; to the program office when a stored document is withheld; to experts for
a new assignment, a due date coming up and a due date passed."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from portal.accounts.enums import Role
from portal.accounts.models import User
from portal.common.mail import bilingual
from screening.documents.pdfcheck import REFUSAL_LABELS
from screening.models import Assignment, StateChange, SupportingDocument

logger = logging.getLogger(__name__)


def company_recipients(application) -> list[str]:
    """The company's active CISO and staff with an e-mail address."""
    users = application.company.users.filter(is_active=True).exclude(email="").order_by("id")
    return list(dict.fromkeys(users.values_list("email", flat=True)))


def notify_state_change(state_change_id: int) -> None:
    """Tell the company what happened (Korean first, English after). Safe to call twice: it only sends mail."""
    change = StateChange.objects.select_related("application__company", "actor").filter(pk=state_change_id).first()
    if change is None:
        return
    application = change.application
    recipients = company_recipients(application)
    if not recipients:
        return
    context = {
        "change": change,
        "application": application,
        "url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("screening:application-detail", args=[application.pk]),
    }
    subject, body = bilingual("screening/email/state_changed", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:
        # After commit the change stands; a mail server that is down must not turn it into an error.
        logger.exception("Could not send the mail for state change %s", state_change_id)


def office_recipients() -> list[str]:
    """The program office's active users with an e-mail address."""
    users = User.objects.filter(role=Role.PROGRAM_ADMIN, is_active=True).exclude(email="").order_by("id")
    return list(dict.fromkeys(users.values_list("email", flat=True)))


def notify_document_withheld(document_id: int) -> None:
    """Tell the program office that a stored document was withheld for what the content check found.
    Called after commit; sending twice only sends the mail twice."""
    document = (SupportingDocument.objects.select_related("application__company", "uploaded_by")
                .filter(pk=document_id).first())
    recipients = office_recipients()
    if document is None or not document.withheld_because or not recipients:
        return
    application = document.application
    context = {
        "document": document,
        "application": application,
        "reason": REFUSAL_LABELS.get(document.withheld_because, document.withheld_because),
        "url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("screening:application-detail", args=[application.pk]),
    }
    subject, body = bilingual("screening/email/document_withheld", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:
        logger.exception("Could not send the mail for withheld document %s", document_id)


# --- experts --------------------------------------------------------------------------------------


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
