"""Screening's entries of the main menu (see portal/navigation.py)."""

from django.utils.translation import gettext_lazy as _

from portal.navigation import NavItem


def items(user) -> list[NavItem]:
    if user.is_company_user or user.sees_everything:
        return [NavItem(_("Applications"), "screening:application-list", order=20)]
    return []
