"""Mail to the company at each change of its application. Called after commit, never inside a transaction."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from portal.mail import bilingual

from .models import StateChange

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
