"""Choices and limits of the review part of screening (assignments, scores, assessments, conflicts)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import ApplicationState as S


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
