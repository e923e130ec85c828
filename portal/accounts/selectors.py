"""Read-side queries: what each user may see, filtered with the same logic as rules.py; and what an
operator's ``manage.py bootstrap_portal`` checks (the program office's logins, the demo's leftovers)."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.demo import DEMO_DEVICE_NAME
from portal.accounts.enums import Role
from portal.accounts.models import Company, User


def companies_visible_to(user) -> QuerySet[Company]:
    if not user.is_authenticated or not user.is_active:
        return Company.objects.none()
    if user.is_regulator:
        return Company.objects.all()
    if user.is_company_user:
        return Company.objects.filter(pk=user.company_id)
    return Company.objects.none()


def users_visible_to(user) -> QuerySet[User]:
    if user.is_authenticated and user.is_active and user.is_program_admin:
        return User.objects.select_related("company").all()
    return User.objects.none()


def program_admins():
    """Active logins with the program office's powers (the role, or a superuser)."""
    return User.objects.filter(Q(role=Role.PROGRAM_ADMIN) | Q(is_superuser=True), is_active=True)


def demo_leftovers() -> list[str]:
    """What the demo left in this database that a production portal must not keep: its active logins
    (published passwords) and any authenticator with the demo's published key."""
    found = []
    logins = list(User.objects.filter(is_demo=True, is_active=True).values_list("username", flat=True))
    if logins:
        found.append(_("Active demo logins with the published password: %(names)s. Deactivate them.")
                     % {"names": ", ".join(logins)})
    holders = sorted(set(TOTPDevice.objects.filter(name=DEMO_DEVICE_NAME).values_list("user__username", flat=True))
                     | set(StaticDevice.objects.filter(name=DEMO_DEVICE_NAME).values_list("user__username", flat=True)))
    if holders:
        found.append(_("Second factors with the demo's published key or backup codes (device \"%(device)s\") "
                       "belong to: %(names)s. Delete those devices.") % {"device": DEMO_DEVICE_NAME,
                                                                         "names": ", ".join(holders)})
    return found
