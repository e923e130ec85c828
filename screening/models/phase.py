from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.common.language import in_language
from screening.enums import DEFAULT_ADVISORS, DEFAULT_REVIEWERS, PANEL_MAX, PhaseState


class Phase(models.Model):
    """A time-boxed round of screening with a capacity (min, max) and a state (planned, open, closed).

    Windows of different phases may overlap. Applications are scheduled into a phase that is not closed
    and whose window has not ended, while it has room; a phase whose window has not begun may be chosen
    (its applications wait). Reviews start only in an open phase. The phase also says how many
    reviewers and advisors each of its applications gets.
    """

    number = models.PositiveSmallIntegerField(_("phase number"), unique=True, validators=[MinValueValidator(1)])
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True,
                               help_text=_("Shown on English pages; the Korean name is used when empty."))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    # The capacity counts applications (not people): how many the phase takes.
    capacity_min = models.PositiveIntegerField(_("minimum applications"), default=0)
    capacity_max = models.PositiveIntegerField(_("maximum applications"))
    state = models.CharField(_("state"), max_length=10, choices=PhaseState.choices, default=PhaseState.PLANNED)
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=DEFAULT_REVIEWERS,
        validators=[MinValueValidator(1), MaxValueValidator(PANEL_MAX)],
    )
    advisors_per_application = models.PositiveSmallIntegerField(
        _("advisors per application"), default=DEFAULT_ADVISORS,
        validators=[MinValueValidator(0), MaxValueValidator(PANEL_MAX)],
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="phase_number_positive"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="phase_window_ordered"),
            models.CheckConstraint(condition=Q(capacity_max__gte=F("capacity_min")), name="phase_capacity_ordered"),
        ]

    def __str__(self) -> str:
        """The name in the page's language (it says which round it is, e.g. "3차 심사 (4분기)")."""
        return in_language(self.name, self.name_en)

    def window_ended(self, today) -> bool:
        return self.ends_on < today

    def window_begun(self, today) -> bool:
        return self.starts_on <= today

    def accepts_applications(self, today) -> bool:
        """Not closed and its window not over (capacity is counted apart, under a lock)."""
        return self.state != PhaseState.CLOSED and not self.window_ended(today)
