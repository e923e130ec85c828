"""What accounts adds to the portal's shared pages (portal/ui/), found by ``portal.common.appdiscovery``:
its entries of the main menu (``menu_items``)."""

from django.utils.translation import pgettext_lazy

from portal.ui.navigation import NavItem

# --- nav: The sign-in security page in the main menu, for everyone signed in.

def menu_items(user) -> list:
    return [NavItem(pgettext_lazy("main menu", "Security"), "account-security", order=95)]
