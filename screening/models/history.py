from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from screening.enums import ApplicationState


class StateChange(models.Model):
    """One move of an application along its state machine. ``actor`` is null for the portal itself."""

    application = models.ForeignKey(
        "screening.Application", on_delete=models.CASCADE, related_name="state_changes"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_state = models.CharField(_("from"), max_length=24, choices=ApplicationState.choices)
    to_state = models.CharField(_("to"), max_length=24, choices=ApplicationState.choices)
    transition = models.CharField(_("transition"), max_length=40)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("time"), db_index=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self) -> str:
        return f"#{self.application_id} {self.from_state} -{self.transition}-> {self.to_state}"
