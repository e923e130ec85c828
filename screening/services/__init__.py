"""Every write to applications. Each service is atomic, checks ``screening.rules``, validates with
full_clean(), records an audit entry (and a StateChange for transitions) and sends mail after commit."""

from screening.services.decisions import (
    application_approve,
    application_expire,
    application_grant,
    application_reject,
    application_revoke,
)
from screening.services.documents import document_cleared_for_download, document_delete, document_upload
from screening.services.intake import (
    application_create,
    application_respond,
    application_submit,
    application_update,
    application_withdraw,
)
from screening.services.phases import application_schedule, application_start_review
from screening.services.registry import ACTIONS, available_transitions, fire_transition
from screening.services.reviews import application_complete
from screening.services.triage import application_override, application_request_supplement

__all__ = [
    "ACTIONS", "application_approve", "application_complete", "application_create", "application_expire",
    "application_grant", "application_override", "application_reject", "application_request_supplement",
    "application_respond", "application_revoke", "application_schedule", "application_start_review",
    "application_submit", "application_update", "application_withdraw", "available_transitions",
    "document_cleared_for_download", "document_delete", "document_upload", "fire_transition",
]
