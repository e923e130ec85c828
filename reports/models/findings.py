"""Findings reports: the tests a company ran under its letter and what they found.

A draft may change; a filed report never does (the services refuse). A correction is a new version
(``supersedes`` the filed one, which stays as it was). Each (letter, interim|final) has one chain of
versions; every ad-hoc report starts a chain of its own.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.enums import (
    DEFENCE_MAX,
    DESCRIPTION_MAX,
    NOTE_MAX,
    RISK_MAX,
    SYSTEMS_MAX,
    TOOLS_MAX,
    FindingStatus,
    ReportKind,
    ReportStatus,
    ReviewState,
    Severity,
)

USER = settings.AUTH_USER_MODEL


class FindingsReport(models.Model):
    letter = models.ForeignKey("letters.Letter", verbose_name=_("letter"), on_delete=models.PROTECT,
                               related_name="findings_reports")
    obligation = models.ForeignKey("reports.Obligation", verbose_name=_("obligation"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField("self", verbose_name=_("corrects"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="superseded_by")
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT,
                              db_index=True)
    taxonomy_version = models.CharField(_("threat taxonomy version"), max_length=20)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    filed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    # The program office's answer (not the company's content: it may change after filing).
    review_state = models.CharField(_("review"), max_length=16, choices=ReviewState.choices,
                                    default=ReviewState.PENDING)
    reviewed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("note from the program office"), blank=True,
                                   validators=[MaxLengthValidator(NOTE_MAX)])
    resubmit_by = models.DateField(_("new version due by"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("findings report")
        verbose_name_plural = _("findings reports")
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=ReportStatus.FILED, filed_at__isnull=False)
                           | Q(status=ReportStatus.DRAFT, filed_at__isnull=True)),
                name="findings_report_filed_has_date",
            ),
            models.CheckConstraint(
                condition=(Q(kind=ReportKind.AD_HOC, obligation__isnull=True)
                           | (~Q(kind=ReportKind.AD_HOC) & Q(obligation__isnull=False))),
                name="findings_report_obligation_matches_kind",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="findings_report_version_positive"),
        ]
        indexes = [models.Index(fields=["letter", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.kind} v{self.version} of letter {self.letter_id} ({self.status})"

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def is_filed(self) -> bool:
        return self.status == ReportStatus.FILED


class VulnerabilityTest(models.Model):
    """One test run: when, with which AI models and tools, against which systems."""

    report = models.ForeignKey(FindingsReport, on_delete=models.CASCADE, related_name="tests")
    position = models.PositiveSmallIntegerField(default=0)
    performed_on = models.DateField(_("performed on"), null=True, blank=True)  # required to file
    tools = models.TextField(_("AI models and tools used"), blank=True, validators=[MaxLengthValidator(TOOLS_MAX)])
    systems = models.TextField(_("systems tested"), blank=True, validators=[MaxLengthValidator(SYSTEMS_MAX)])

    class Meta:
        ordering = ["report", "position", "id"]
        verbose_name = _("vulnerability test")
        verbose_name_plural = _("vulnerability tests")

    def __str__(self) -> str:
        return f"test {self.position} of report {self.report_id}"


class Finding(models.Model):
    report = models.ForeignKey(FindingsReport, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(_("threat category"), max_length=60, blank=True)  # taxonomy code; required to file
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, blank=True)
    description = models.TextField(_("description"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_MAX)])
    anticipated_risk = models.TextField(_("anticipated risk if used in an attack"), blank=True,
                                        validators=[MaxLengthValidator(RISK_MAX)])
    defence = models.TextField(_("defence measure"), blank=True, validators=[MaxLengthValidator(DEFENCE_MAX)])
    status = models.CharField(_("remediation status"), max_length=16, choices=FindingStatus.choices,
                              default=FindingStatus.OPEN)

    class Meta:
        ordering = ["report", "position", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        indexes = [models.Index(fields=["category", "severity"])]

    def __str__(self) -> str:
        return f"{self.category or '?'} ({self.severity or '?'}) in report {self.report_id}"
