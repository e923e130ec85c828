"""Who reviews an application, and what they record: assignments, score sheets, assessments."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from screening.enums import (
    COMMENT_MAX,
    CONDITIONS_MAX,
    NARRATIVE_MAX,
    AssignmentKind,
    Recommendation,
    StatementChannel,
)

USER = settings.AUTH_USER_MODEL


class AssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(removed_at__isnull=True)


class Assignment(models.Model):
    """An expert (reviewer or advisor) assigned to one application by the program office.

    Removing an assignment (by the office, or because the expert declared a conflict of interest) keeps
    the row with ``removed_at`` set, for the record; only active rows count anywhere.
    """

    application = models.ForeignKey("screening.Application", on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(USER, verbose_name=_("expert"), on_delete=models.PROTECT,
                               related_name="review_assignments")
    kind = models.CharField(_("kind"), max_length=10, choices=AssignmentKind.choices)
    due_on = models.DateField(_("due on"))
    assigned_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    # The expert's statement that they have no conflict of interest with the company.
    no_conflict_stated_at = models.DateTimeField(_("no conflict stated at"), null=True, blank=True)
    no_conflict_channel = models.CharField(max_length=5, choices=StatementChannel.choices, blank=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    removal_reason = models.TextField(_("reason for removal"), blank=True, validators=[MaxLengthValidator(2_000)])

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["application_id", "kind", "assigned_at", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], condition=Q(removed_at__isnull=True),
                                    name="one_active_assignment_per_expert"),
        ]
        indexes = [models.Index(fields=["expert", "removed_at"]), models.Index(fields=["due_on"])]

    def __str__(self) -> str:
        return f"#{self.application_id} {self.kind} {self.expert_id}"

    @property
    def is_active(self) -> bool:
        return self.removed_at is None

    @property
    def has_stated_no_conflict(self) -> bool:
        return self.no_conflict_stated_at is not None


class ScoreSheet(models.Model):
    """One reviewer's scores of one application against the rubric frozen into it. A draft until
    ``submitted_at`` is set; submitted once, never changed."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="score_sheet")
    rubric_version = models.CharField(_("rubric version"), max_length=20)
    scores = models.JSONField(_("scores"), default=dict, blank=True)  # {criterion code: 1..5}
    comments = models.JSONField(_("comments per criterion"), default=dict, blank=True)  # {code: text}
    comment = models.TextField(_("comment"), blank=True, validators=[MaxLengthValidator(COMMENT_MAX)])
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")

    def __str__(self) -> str:
        return f"score sheet of assignment {self.assignment_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Assessment(models.Model):
    """One advisor's assessment: a recommendation, a narrative and proposed conditions."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="assessment")
    recommendation = models.CharField(_("recommendation"), max_length=30, choices=Recommendation.choices,
                                      blank=True)
    narrative = models.TextField(_("narrative"), blank=True, validators=[MaxLengthValidator(NARRATIVE_MAX)])
    conditions = models.TextField(_("proposed conditions"), blank=True,
                                  validators=[MaxLengthValidator(CONDITIONS_MAX)])
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"assessment of assignment {self.assignment_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None
