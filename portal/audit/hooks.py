"""What audit adds to the portal's shared pages (portal/ui/), found by ``portal.common.appdiscovery``:
its entries of the main menu (``menu_items``)."""

from django.utils.translation import gettext_lazy as _

from portal.accounts.rules import can_read_audit_log
from portal.ui.navigation import NavItem

# --- nav: The audit log's entry in the main menu (program office and auditors).

def menu_items(user) -> list:
    return [NavItem(_("Audit log"), "audit_log", order=90)] if can_read_audit_log(user) else []
