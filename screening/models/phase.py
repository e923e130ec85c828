from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from screening.enums import PhaseState


class Phase(models.Model):
    """A time-boxed round of screening with a capacity. (The review part extends this.)"""

    number = models.PositiveSmallIntegerField(_("phase number"), unique=True, validators=[MinValueValidator(1)])
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    capacity_min = models.PositiveIntegerField(_("minimum capacity"), default=0)
    capacity_max = models.PositiveIntegerField(_("maximum capacity"))
    state = models.CharField(_("state"), max_length=10, choices=PhaseState.choices, default=PhaseState.PLANNED)

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
        return f"{self.number}. {self.name}"
