"""Letters' entry of the main menu (see portal/navigation.py)."""

from django.utils.translation import pgettext_lazy

from portal.navigation import NavItem


def items(user) -> list[NavItem]:
    if user.is_company_user or user.is_regulator:
        return [NavItem(pgettext_lazy("main menu", "Letters"), "letter-list", order=30)]
    return []
