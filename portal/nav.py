"""The portal's own entry of the main menu (see portal/ui/navigation.py)."""

from django.utils.translation import gettext_lazy as _

from portal.ui.navigation import NavItem


def items(user) -> list[NavItem]:
    return [NavItem(_("Home"), "home", order=0)]
