"""A letter's reporting obligations, and the reminders that went out about them."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.enums import ObligationKind, ReminderKind, ReminderSubject


class Obligation(models.Model):
    """One report a letter obliges the company to file (interim, final), with its due date.

    Created from the letter's dates by ``obligations_sync`` (idempotent: one per letter and kind). Its
    state is derived (reports.domain.obligations), never stored; the reports filed against it and the
    office's review of them are what change.
    """

    letter = models.ForeignKey("letters.Letter", verbose_name=_("letter"), on_delete=models.PROTECT,
                               related_name="obligations")
    kind = models.CharField(_("kind"), max_length=10, choices=ObligationKind.choices)
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        constraints = [
            models.UniqueConstraint(fields=["letter", "kind"], name="one_obligation_per_letter_and_kind"),
        ]
        indexes = [models.Index(fields=["due_on"])]

    def __str__(self) -> str:
        return f"{self.letter_id} {self.kind} due {self.due_on}"


class SentReminder(models.Model):
    """A reminder that went out. The unique constraint is what makes the daily job idempotent: the same
    reminder (letter, subject, kind, the date it was about) is never sent twice, even by two runs at once."""

    letter = models.ForeignKey("letters.Letter", on_delete=models.CASCADE, related_name="report_reminders")
    subject = models.CharField(_("subject"), max_length=10, choices=ReminderSubject.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    due_on = models.DateField(_("about the date"))
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["letter", "subject", "kind", "due_on"],
                                    name="one_report_reminder_per_subject_kind_date"),
        ]

    def __str__(self) -> str:
        return f"{self.subject}/{self.kind} for letter {self.letter_id} ({self.due_on})"
