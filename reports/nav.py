"""Reports' entries of the main menu (see portal/ui/navigation.py)."""

from django.utils.translation import gettext_lazy as _

from portal.ui.navigation import NavItem

from . import rules


def items(user) -> list[NavItem]:
    entries = []
    if user.is_company_user or user.is_regulator:
        entries.append(NavItem(_("Reports"), "reports:home", order=40))
    if rules.can_view_dashboard(user):
        entries.append(NavItem(_("Dashboard"), "reports:dashboard", order=45))
    elif rules.can_view_findings_analysis(user):
        entries.append(NavItem(_("Findings analysis"), "reports:findings", order=45))
    return entries
