"""Eligibility's entries of the main menu (see portal/ui/navigation.py): the registry for the
regulator's side, the company's own page for its users."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.ui.navigation import NavItem


def items(user) -> list[NavItem]:
    if user.is_regulator:
        return [NavItem(pgettext_lazy("main menu", "Companies"), "company_list", order=10)]
    if user.is_company_user and user.company_id:
        return [NavItem(_("Our company"), "company_detail", {"pk": user.company_id}, order=10)]
    return []
