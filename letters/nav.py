"""Letters' entry of the main menu (see portal/navigation.py)."""

from django.utils.translation import gettext_lazy as _

from portal.navigation import NavItem


def items(user) -> list[NavItem]:
    if user.is_company_user or user.is_regulator:
        return [NavItem(_("No-action letters"), "letter-list", order=30)]
    return []
