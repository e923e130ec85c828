"""Letters' entry of the main menu (see portal/ui/navigation.py)."""

from django.utils.translation import pgettext_lazy

from portal.ui.navigation import NavItem


def items(user) -> list[NavItem]:
    if user.is_company_user or user.is_regulator:
        return [NavItem(pgettext_lazy("main menu", "Letters"), "letter-list", order=30)]
    return []
