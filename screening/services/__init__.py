"""Every write to applications. Each service is atomic, checks ``screening.rules``, validates with
full_clean(), records an audit entry (and a StateChange for transitions) and sends mail after commit."""

from .decisions import (
    application_approve,
    application_expire,
    application_grant,
    application_reject,
    application_revoke,
)
from .documents import document_cleared_for_download, document_delete, document_upload
from .intake import (
    application_create,
    application_respond,
    application_submit,
    application_update,
    application_withdraw,
)
from .registry import ACTIONS, available_transitions, fire_transition
from .review import (
    application_complete,
    application_override,
    application_request_supplement,
    application_schedule,
    application_start_review,
)

__all__ = [
    "ACTIONS", "application_approve", "application_complete", "application_create", "application_expire",
    "application_grant", "application_override", "application_reject", "application_request_supplement",
    "application_respond", "application_revoke", "application_schedule", "application_start_review",
    "application_submit", "application_update", "application_withdraw", "available_transitions",
    "document_cleared_for_download", "document_delete", "document_upload", "fire_transition",
]
