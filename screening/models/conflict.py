from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from screening.enums import NATURE_MAX


class ConflictOfInterest(models.Model):
    """An expert's declared conflict of interest with a company. While it stands, the expert is never
    assigned to, nor shown anything of, that company's applications."""

    expert = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT,
                               related_name="conflicts")
    company = models.ForeignKey("accounts.Company", verbose_name=_("company"), on_delete=models.PROTECT,
                                related_name="expert_conflicts")
    nature = models.TextField(_("nature of the conflict"), validators=[MaxLengthValidator(NATURE_MAX)])
    since = models.DateField(_("since"), null=True, blank=True)
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        ordering = ["-declared_at", "-id"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["expert", "company"], name="one_conflict_per_company")]

    def __str__(self) -> str:
        return f"{self.expert_id} x {self.company_id}"
