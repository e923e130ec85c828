"""Logins (a role, and a company for company users) and which sessions belong to whom."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.accounts.enums import COMPANY_ROLES, EXPERT_ROLES, REGULATOR_ROLES, Role
from portal.accounts.models.company import Company


class UserManager(DjangoUserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # A platform administrator has every power of the program office.
        extra_fields.setdefault("role", Role.PROGRAM_ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    company = models.ForeignKey(
        Company, verbose_name=_("company"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    # Set only by the demo seeding (portal.accounts.demo) on the logins it creates, which have a
    # published password and second factor; the demo never touches a user without it.
    is_demo = models.BooleanField(_("demo login"), default=False, editable=False)

    objects = UserManager()

    class Meta:
        ordering = ["username"]
        constraints = [
            models.UniqueConstraint(
                fields=["company"], condition=Q(role="ciso", is_active=True), name="one_active_ciso_per_company"
            ),
            models.CheckConstraint(
                condition=(Q(role__in=["ciso", "company_staff"], company__isnull=False) | ~Q(role__in=["ciso", "company_staff"]) & Q(company__isnull=True)),
                name="company_role_has_company",
            ),
        ]

    def clean(self):
        super().clean()
        if self.role in COMPANY_ROLES and self.company_id is None:
            raise ValidationError({"company": _("A company user (CISO or company staff) must belong to a company.")})
        if self.role not in COMPANY_ROLES and self.company_id is not None:
            raise ValidationError({"company": _("Only CISOs and company staff belong to a company.")})

    # Role helpers used by the permission rules; superusers are program office.
    @property
    def is_company_user(self) -> bool:
        return self.role in COMPANY_ROLES and not self.is_superuser

    @property
    def is_regulator(self) -> bool:
        return self.is_superuser or self.role in REGULATOR_ROLES

    @property
    def is_program_admin(self) -> bool:
        return self.is_superuser or self.role == Role.PROGRAM_ADMIN

    @property
    def is_auditor(self) -> bool:
        return self.role == Role.AUDITOR and not self.is_superuser

    @property
    def is_expert(self) -> bool:
        return self.role in EXPERT_ROLES and not self.is_superuser

    @property
    def is_ciso(self) -> bool:
        return self.role == Role.CISO and not self.is_superuser

    @property
    def sees_everything(self) -> bool:
        """Program office, auditors and superusers read every object."""
        return self.is_superuser or self.role in {Role.PROGRAM_ADMIN, Role.AUDITOR}


class UserSession(models.Model):
    """Which session keys belong to which user, so that ending a user's sessions (deactivation) is one
    indexed delete instead of decoding every session in the table. Written at login, removed at logout."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("login session")
        verbose_name_plural = _("login sessions")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.session_key[:6]}…"
