"""Screening's entries of the main menu (see portal/ui/navigation.py)."""

from django.utils.translation import gettext_lazy as _

from portal.ui.navigation import NavItem


def items(user) -> list[NavItem]:
    entries = []
    if user.is_company_user or user.sees_everything:
        entries.append(NavItem(_("Applications"), "screening:application-list", order=20))
    return entries + review_items(user)


def review_items(user) -> list[NavItem]:
    """The review part: the office's board and phases, the experts' queue and conflicts."""
    from screening import rules

    if rules.can_read_reviews(user):
        return [NavItem(_("Screening board"), "screening:board", order=25),
                NavItem(_("Phases"), "screening:phases", order=26)]
    if rules.is_expert(user):
        return [NavItem(_("My reviews"), "screening:queue", order=20),
                NavItem(_("My conflicts of interest"), "screening:conflicts", order=25)]
    return []
