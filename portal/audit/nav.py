"""The audit log's entry in the main menu (program office and auditors)."""

from django.utils.translation import gettext_lazy as _

from portal.accounts.rules import can_read_audit_log


def items(user) -> list:
    from portal.ui.navigation import NavItem

    return [NavItem(_("Audit log"), "audit_log", order=90)] if can_read_audit_log(user) else []
