"""The portal's own entries of the main menu (see portal/navigation.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .navigation import NavItem


def items(user) -> list[NavItem]:
    entries = [NavItem(_("Home"), "home", order=0)]
    if user.is_regulator:
        entries.append(NavItem(pgettext_lazy("main menu", "Companies"), "company_list", order=10))
    elif user.is_company_user and user.company_id:
        entries.append(NavItem(_("Our company"), "company_detail", {"pk": user.company_id}, order=10))
    return entries
