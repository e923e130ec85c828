"""The registry's companies."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.accounts.enums import Sector
from portal.accounts.models.validators import validate_brn
from portal.common.language import in_language


class Company(models.Model):
    """A financial company in the registry, with the figures eligibility is judged on."""

    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    brn = models.CharField(_("business registration number"), max_length=12, unique=True, validators=[validate_brn])
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    total_assets_krw = models.BigIntegerField(_("total assets (KRW)"), validators=[MinValueValidator(0)])
    assets_as_of = models.DateField(_("assets as of"))
    regular_staff = models.PositiveIntegerField(_("regular staff"))
    efta_covered = models.BooleanField(_("subject to the Electronic Financial Transactions Act"), default=False)
    ciso_appointed = models.BooleanField(_("CISO appointed"), default=False)
    ciso_name = models.CharField(_("CISO name"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_ko", "id"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.CheckConstraint(condition=Q(total_assets_krw__gte=0), name="company_assets_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name_ko} ({self.name_en})"

    @property
    def display_name(self) -> str:
        """The name in the active language (Korean when there is no English name): for messages."""
        return in_language(self.name_ko, self.name_en)
