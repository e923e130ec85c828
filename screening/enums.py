"""The states of an application and of a phase, and the limits every writer of free text respects.

The review part's choices and limits (assignments, scores, assessments, conflicts) follow the
application's."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    SCHEDULED = "scheduled", _("Scheduled")
    UNDER_REVIEW = "under_review", _("Under review")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    SCREENED = "screened", _("Screened")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    GRANTED = "granted", _("Granted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationState

# Where the company may still change what it filed.
EDITABLE_STATES = frozenset({S.DRAFT, S.SUPPLEMENT_REQUESTED})
# "The CISO may withdraw at any point before a decision" — docs/applications.md.
WITHDRAWABLE_STATES = (
    S.DRAFT, S.ELIGIBLE, S.INELIGIBLE, S.SCHEDULED, S.UNDER_REVIEW, S.SUPPLEMENT_REQUESTED, S.SCREENED,
)
FINAL_STATES = frozenset({S.REJECTED, S.EXPIRED, S.REVOKED, S.WITHDRAWN})


class PhaseState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


# Free-text limits (characters). Stated in the messages, the forms and the API schema.
SYSTEMS_IN_SCOPE_MAX = 10_000
SELF_ASSESSMENT_MAX = 20_000
CONTROLS_OTHER_MAX = 5_000
REASON_MAX = 5_000
DECISION_CONDITIONS_MAX = 10_000
PRODUCT_FIELD_MAX = 200
PRODUCTS_MAX = 50
ORIGINAL_NAME_MAX = 255

# Uploads.
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
APPLICATION_DOCUMENTS_MAX_BYTES = 100 * 1024 * 1024


# Transitions, as the API and the pages name them. System transitions are fired by the portal itself.
TRANSITION_LABELS = {
    "submit": _("Submit"),
    "mark_eligible": _("Eligibility check: eligible"),
    "mark_ineligible": _("Eligibility check: ineligible"),
    "override": _("Override the eligibility result"),
    "schedule": _("Schedule into a phase"),
    "start_review": _("Start the review"),
    "request_supplement": _("Request a supplement"),
    "respond": _("Respond to the supplement request"),
    "complete": _("Complete the screening"),
    "approve": _("Approve"),
    "reject": _("Reject"),
    "grant": _("Letter issued"),
    "revoke": _("Revoke"),
    "expire": _("Expire"),
    "withdraw": _("Withdraw"),
}
PUBLIC_TRANSITIONS = (
    "submit", "override", "schedule", "start_review", "request_supplement", "respond",
    "complete", "approve", "reject", "revoke", "withdraw",
)
SYSTEM_TRANSITIONS = ("mark_eligible", "mark_ineligible", "grant", "expire")
REASON_REQUIRED = frozenset({"approve", "reject", "revoke", "override", "request_supplement"})


# --- the review part ------------------------------------------------------------------------------


class AssignmentKind(models.TextChoices):
    REVIEWER = "reviewer", _("Reviewer")
    ADVISOR = "advisor", _("Advisor")


class Recommendation(models.TextChoices):
    RECOMMEND = "recommend", _("Recommend")
    RECOMMEND_WITH_CONDITIONS = "recommend_with_conditions", _("Recommend with conditions")
    NOT_RECOMMENDED = "not_recommended", _("Not recommended")


class StatementChannel(models.TextChoices):
    """Where the expert stated that they have no conflict of interest."""

    WEB = "web", _("stated on the web portal")
    API = "api", _("stated by the first submission through the API")


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


# How many experts each application gets unless its phase says otherwise.
DEFAULT_REVIEWERS = 3
DEFAULT_ADVISORS = 2
PANEL_MAX = 10
# When no due date is given and the phase gives none that is still ahead: this many days from today.
DEFAULT_REVIEW_DAYS = 21
# Reminders: this many days before the due date, and once when it has passed.
REMINDER_DAYS_BEFORE = 3

# Assignments may be made and changed from eligibility until the screening is complete.
ASSIGNABLE_STATES = frozenset({S.ELIGIBLE, S.SCHEDULED, S.UNDER_REVIEW, S.SUPPLEMENT_REQUESTED})
# Scores and assessments are recorded while the review runs.
SCORING_STATES = frozenset({S.UNDER_REVIEW})
# Where an application holds a place in its phase (everything but a withdrawal).
PHASE_SEAT_EXCLUDED_STATES = frozenset({S.WITHDRAWN})

COMMENT_MAX = 5_000
NARRATIVE_MAX = 20_000
CONDITIONS_MAX = 5_000
NATURE_MAX = 2_000
