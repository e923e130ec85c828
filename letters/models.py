"""The issued letter and the per-year counter its reference comes from.

The database holds the guarantees: one letter per application (OneToOne), unique references and
(year, number) pairs, and a validity that ends after it starts. The PDF bytes are the record; the
row points to them (under PRIVATE_STORAGE_ROOT) and keeps their SHA-256.
"""

import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

REFERENCE_PREFIX = "FSC-NAL"
REFERENCE_RE = re.compile(r"^FSC-NAL-(?P<year>[0-9]{4})-(?P<number>[0-9]{4,6})\Z")


def format_reference(year: int, number: int) -> str:
    return f"{REFERENCE_PREFIX}-{year:04d}-{number:04d}"


class LetterStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class ReferenceCounter(models.Model):
    """The last number issued in a year. Locked (SELECT ... FOR UPDATE) by the issuing transaction,
    so numbers are handed out one at a time and only when a letter is committed: gapless."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Letter(models.Model):
    application = models.OneToOneField(
        "screening.Application", verbose_name=_("application"), on_delete=models.PROTECT, related_name="letter"
    )
    reference = models.CharField(
        _("reference"), max_length=24, unique=True, validators=[RegexValidator(REFERENCE_RE)]
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    # The names as printed on the letter: a later change in the company registry does not rewrite it.
    company_name_ko = models.CharField(_("Korean name"), max_length=200, default="")
    company_name_en = models.CharField(_("English name"), max_length=200, default="")
    issued_at = models.DateTimeField(_("issued at"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    conditions_version = models.CharField(_("standard conditions version"), max_length=20)
    pdf_name = models.CharField(max_length=200, unique=True)  # relative to PRIVATE_STORAGE_ROOT
    pdf_size = models.PositiveIntegerField()
    sha256 = models.CharField(
        _("SHA-256"), max_length=64, validators=[RegexValidator(r"^[0-9a-f]{64}\Z")]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.VALID, db_index=True
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    expired_at = models.DateTimeField(_("expired at"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("no-action letter")
        verbose_name_plural = _("no-action letters")
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="letter_number_unique_per_year"),
            models.CheckConstraint(condition=Q(number__gte=1), name="letter_number_positive"),
            models.CheckConstraint(condition=Q(valid_until__gt=F("valid_from")), name="letter_validity_ordered"),
            models.CheckConstraint(
                condition=(Q(status=LetterStatus.REVOKED, revoked_at__isnull=False)
                           | (~Q(status=LetterStatus.REVOKED) & Q(revoked_at__isnull=True))),
                name="letter_revoked_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.reference
