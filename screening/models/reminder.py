from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from screening.enums import ReminderKind


class ReviewReminder(models.Model):
    """A reminder that went out about one assignment. The unique constraint is what makes the periodic
    job idempotent: the same reminder (assignment, kind, due date) is never sent twice."""

    assignment = models.ForeignKey("screening.Assignment", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    due_on = models.DateField(_("due on"))  # the due date it was about: a new due date may be reminded again
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "kind", "due_on"], name="one_reminder_per_kind_and_due_date"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for assignment {self.assignment_id} (due {self.due_on})"
