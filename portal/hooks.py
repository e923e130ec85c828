"""What portal adds to the portal's shared pages (portal/ui/), found by ``portal.common.appdiscovery``:
its entries of the main menu (``menu_items``)."""

from django.utils.translation import gettext_lazy as _

from portal.ui.navigation import NavItem

# --- nav: The portal's own entry of the main menu (see portal/ui/navigation.py).

def menu_items(user) -> list[NavItem]:
    return [NavItem(_("Home"), "home", order=0)]
