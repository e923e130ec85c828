from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CISO = "ciso", _("CISO")
    COMPANY_STAFF = "company_staff", _("Company staff")
    REVIEWER = "reviewer", _("Reviewer")
    ADVISOR = "advisor", _("Advisor")
    PROGRAM_ADMIN = "program_admin", _("Program office")
    AUDITOR = "auditor", _("Auditor")


COMPANY_ROLES = frozenset({Role.CISO, Role.COMPANY_STAFF})
REGULATOR_ROLES = frozenset({Role.REVIEWER, Role.ADVISOR, Role.PROGRAM_ADMIN, Role.AUDITOR})
EXPERT_ROLES = frozenset({Role.REVIEWER, Role.ADVISOR})


class Sector(models.TextChoices):
    BANK = "bank", _("Bank")
    SECURITIES = "securities", _("Securities")
    INSURANCE = "insurance", _("Insurance")
    CARD = "card", _("Card")
    SAVINGS_BANK = "savings_bank", _("Savings bank")
    FINTECH = "fintech", _("Fintech")
    OTHER = "other", _("Other")
