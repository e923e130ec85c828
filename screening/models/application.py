from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from screening import rules
from screening.domain.completeness import ready_to_submit
from screening.enums import (
    CONTROLS_OTHER_MAX,
    DECISION_CONDITIONS_MAX,
    EDITABLE_STATES,
    REASON_MAX,
    SELF_ASSESSMENT_MAX,
    SYSTEMS_IN_SCOPE_MAX,
    WITHDRAWABLE_STATES,
    ApplicationState,
)
from screening.models.validators import validate_control_codes, validate_products

S = ApplicationState
USER = settings.AUTH_USER_MODEL


def eligibility_passed(application) -> bool:
    return bool((application.eligibility_snapshot or {}).get("eligible"))


def eligibility_failed(application) -> bool:
    return application.eligibility_snapshot is not None and not eligibility_passed(application)


class Application(ConcurrentTransitionMixin, models.Model):
    """A company's application for a no-action letter.

    ``state`` is protected: only the ``@transition`` methods below change it, and they change nothing
    but fields. The services in ``screening.services`` lock the row, check ``screening.rules``, fire a
    transition, save, record the history and the audit entry, and queue mail after commit.
    ``version`` grows by one on every write, for optimistic concurrency ("changed by someone else").
    """

    company = models.ForeignKey(
        "accounts.Company", verbose_name=_("company"), on_delete=models.PROTECT, related_name="applications"
    )
    created_by = models.ForeignKey(USER, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+")
    state = FSMField(_("state"), max_length=24, choices=S.choices, default=S.DRAFT, protected=True, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    # --- what the company files ---------------------------------------------------------------
    scope_ai_vulnerability_assessment = models.BooleanField(
        _("AI models for vulnerability assessment"), default=False
    )
    scope_saas_security = models.BooleanField(_("SaaS security solutions"), default=False)
    ai_models = models.JSONField(_("AI models"), default=list, blank=True, validators=[validate_products])
    saas_products = models.JSONField(_("SaaS products"), default=list, blank=True, validators=[validate_products])
    systems_in_scope = models.TextField(
        _("systems and network segments in scope"), blank=True, max_length=SYSTEMS_IN_SCOPE_MAX,
        validators=[MaxLengthValidator(SYSTEMS_IN_SCOPE_MAX)],
    )
    compensating_controls = models.JSONField(
        _("compensating controls"), default=list, blank=True, validators=[validate_control_codes]
    )
    compensating_controls_other = models.TextField(
        _("other compensating controls"), blank=True, max_length=CONTROLS_OTHER_MAX,
        validators=[MaxLengthValidator(CONTROLS_OTHER_MAX)],
    )
    self_assessment = models.TextField(
        _("self-assessment"), blank=True, max_length=SELF_ASSESSMENT_MAX,
        validators=[MaxLengthValidator(SELF_ASSESSMENT_MAX)],
    )
    preferred_phase = models.ForeignKey(
        "screening.Phase", verbose_name=_("preferred phase"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    attestation = models.BooleanField(_("attestation"), default=False)
    attested_at = models.DateTimeField(_("attested at"), null=True, blank=True)
    attested_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    # --- what the portal and the program office record ------------------------------------------
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    eligibility_snapshot = models.JSONField(_("eligibility result"), null=True, blank=True)
    override_justification = models.TextField(
        _("override justification"), blank=True, validators=[MaxLengthValidator(REASON_MAX)]
    )
    overridden_at = models.DateTimeField(null=True, blank=True)
    overridden_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    phase = models.ForeignKey(
        "screening.Phase", verbose_name=_("phase"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="applications",
    )
    review_started_at = models.DateTimeField(null=True, blank=True)
    # The scoring rubric in force when the review started (screening/catalogues/rubric.py); scores use this one.
    rubric_version = models.CharField(_("rubric version"), max_length=20, blank=True)
    supplement_request = models.TextField(
        _("supplement requested"), blank=True, validators=[MaxLengthValidator(REASON_MAX)]
    )
    supplement_requested_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True,
                                       validators=[MaxLengthValidator(REASON_MAX)])
    decision_conditions = models.TextField(_("specific conditions"), blank=True,
                                           validators=[MaxLengthValidator(DECISION_CONDITIONS_MAX)])
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The office may set a later effective date for the letter; null means "the day it is issued".
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    granted_at = models.DateTimeField(null=True, blank=True)
    # The letter's last valid day, stored by ``grant``: the revocation guard reads it here, so screening
    # never asks letters while it holds the application's lock.
    letter_valid_until = models.DateField(_("letter valid until"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(blank=True, validators=[MaxLengthValidator(REASON_MAX)])
    expired_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["company", "state"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.company_id} ({self.state})"

    # --- transitions: they change fields and nothing else --------------------------------------
    @transition(field=state, source=S.DRAFT, target=S.SUBMITTED,
                permission=rules.by_applicant_ciso, conditions=[ready_to_submit])
    def submit(self, *, at, eligibility_snapshot: dict) -> None:
        self.submitted_at = at
        self.eligibility_snapshot = eligibility_snapshot

    @transition(field=state, source=S.SUBMITTED, target=S.ELIGIBLE,
                permission=rules.by_system, conditions=[eligibility_passed])
    def mark_eligible(self) -> None:
        """The automatic eligibility step; reads the snapshot stored by ``submit``."""

    @transition(field=state, source=S.SUBMITTED, target=S.INELIGIBLE,
                permission=rules.by_system, conditions=[eligibility_failed])
    def mark_ineligible(self) -> None:
        """The automatic eligibility step; reads the snapshot stored by ``submit``."""

    @transition(field=state, source=S.INELIGIBLE, target=S.ELIGIBLE, permission=rules.by_program_office)
    def override(self, *, justification: str, by, at) -> None:
        self.override_justification = justification
        self.overridden_by = by
        self.overridden_at = at

    @transition(field=state, source=S.ELIGIBLE, target=S.SCHEDULED, permission=rules.by_program_office)
    def schedule(self, *, phase) -> None:
        self.phase = phase

    @transition(field=state, source=S.SCHEDULED, target=S.UNDER_REVIEW,
                permission=rules.by_program_office)
    def start_review(self, *, at, rubric_version: str) -> None:
        self.review_started_at = at
        self.rubric_version = rubric_version

    @transition(field=state, source=S.UNDER_REVIEW, target=S.SUPPLEMENT_REQUESTED,
                permission=rules.by_reviewer_or_program_office)
    def request_supplement(self, *, request: str, at) -> None:
        self.supplement_request = request
        self.supplement_requested_at = at

    @transition(field=state, source=S.SUPPLEMENT_REQUESTED, target=S.UNDER_REVIEW,
                permission=rules.by_applicant_ciso, conditions=[ready_to_submit])
    def respond(self, *, at) -> None:
        self.responded_at = at

    @transition(field=state, source=S.UNDER_REVIEW, target=S.SCREENED,
                permission=rules.by_program_office)
    def complete(self, *, at) -> None:
        self.screened_at = at

    @transition(field=state, source=S.SCREENED, target=S.APPROVED, permission=rules.by_program_office)
    def approve(self, *, reason: str, conditions: str, effective_date, by, at) -> None:
        self.decision_reason = reason
        self.decision_conditions = conditions
        self.effective_date = effective_date
        self.decided_by = by
        self.decided_at = at

    @transition(field=state, source=S.SCREENED, target=S.REJECTED, permission=rules.by_program_office)
    def reject(self, *, reason: str, by, at) -> None:
        self.decision_reason = reason
        self.decided_by = by
        self.decided_at = at

    @transition(field=state, source=S.APPROVED, target=S.GRANTED, permission=rules.by_system)
    def grant(self, *, at, valid_until) -> None:
        """Fired by the letters job once the letter is stored."""
        self.granted_at = at
        self.letter_valid_until = valid_until

    @transition(field=state, source=S.GRANTED, target=S.REVOKED, permission=rules.by_program_office)
    def revoke(self, *, reason: str, at) -> None:
        self.revocation_reason = reason
        self.revoked_at = at

    @transition(field=state, source=S.GRANTED, target=S.EXPIRED, permission=rules.by_system)
    def expire(self, *, at) -> None:
        """Fired by the daily job once the letter's validity has passed."""
        self.expired_at = at

    @transition(field=state, source=list(WITHDRAWABLE_STATES), target=S.WITHDRAWN,
                permission=rules.by_applicant_ciso)
    def withdraw(self, *, at) -> None:
        self.withdrawn_at = at

    def clean_fields(self, exclude=None):
        # The protected state cannot be assigned back by clean_fields(); only transitions set it.
        super().clean_fields(exclude={*(exclude or ()), "state"})

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES
