"""Choices and limits of reports: obligations, findings reports, reminders and exports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ObligationKind(models.TextChoices):
    INTERIM = "interim", _("Interim report")
    FINAL = "final", _("Final report")


class ObligationState(models.TextChoices):
    """Derived, never stored: from the due date, today and the latest filed report (domain/obligations.py)."""

    UPCOMING = "upcoming", _("Upcoming")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")
    FILED = "filed", _("Filed")
    ACCEPTED = "accepted", _("Accepted")


class ReportKind(models.TextChoices):
    INTERIM = "interim", _("Interim report")
    FINAL = "final", _("Final report")
    AD_HOC = "ad_hoc", _("Report after a test")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FILED = "filed", _("Filed")


class ReviewState(models.TextChoices):
    """The program office's answer to a filed report."""

    PENDING = "pending", _("Awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    MORE_REQUESTED = "more_requested", _("More requested")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


# Most severe first, for sorting and for "the most severe findings".
SEVERITY_RANK = {Severity.CRITICAL: 4, Severity.HIGH: 3, Severity.MEDIUM: 2, Severity.LOW: 1}


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    REMEDIATED = "remediated", _("Remediated")
    ACCEPTED_RISK = "accepted_risk", _("Risk accepted")


class ReminderSubject(models.TextChoices):
    INTERIM = "interim", _("Interim report")
    FINAL = "final", _("Final report")
    EXPIRY = "expiry", _("Expiry of the letter")


class ReminderKind(models.TextChoices):
    DAYS_30 = "days_30", _("30 days before")
    DAYS_7 = "days_7", _("7 days before")
    OVERDUE = "overdue", _("Overdue")


class ExportDataset(models.TextChoices):
    APPLICATIONS = "applications", _("Applications")
    SCORES = "scores", _("Scores")
    LETTERS = "letters", _("Letters")
    OBLIGATIONS = "obligations", _("Reporting obligations")
    FINDINGS = "findings", _("Findings")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class ExportState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


# An obligation is "due" this many days before its due date (and reminders go out then).
DUE_SOON_DAYS = 30
# Reminders before a due date or the end of validity: the nearest threshold that has been reached.
REMINDER_THRESHOLDS = ((7, ReminderKind.DAYS_7), (30, ReminderKind.DAYS_30))
# When the office asks for more and names no date: this many days to file the new version.
RESUBMIT_DAYS = 30
# Letters "expiring soon" on the dashboard.
EXPIRING_SOON_DAYS = 30
# Exports larger than this run as a background job instead of streaming at once.
EXPORT_INLINE_MAX_ROWS = 5_000

# Free-text limits (characters), stated in the messages and the API schema.
TOOLS_MAX = 2_000
SYSTEMS_MAX = 2_000
DESCRIPTION_MAX = 10_000
RISK_MAX = 10_000
DEFENCE_MAX = 10_000
NOTE_MAX = 5_000
TESTS_MAX = 50
FINDINGS_MAX = 200
