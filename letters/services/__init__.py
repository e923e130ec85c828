"""Every write to letters: issuance (exactly once), revocation and expiry. Each service is atomic,
validates with full_clean() and records an audit entry."""

from letters.services.issuance import applications_awaiting_letter, letter_issue, letter_issue_queue
from letters.services.lifecycle import letter_record_revocation, letter_revoke, letters_expire_due

__all__ = [
    "applications_awaiting_letter", "letter_issue", "letter_issue_queue", "letter_record_revocation",
    "letter_revoke", "letters_expire_due",
]
