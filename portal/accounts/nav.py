"""The sign-in security page in the main menu, for everyone signed in."""

from django.utils.translation import pgettext_lazy

from portal.ui.navigation import NavItem


def items(user) -> list:
    return [NavItem(pgettext_lazy("main menu", "Security"), "account-security", order=95)]
