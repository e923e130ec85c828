"""The sign-in security page in the main menu, for everyone signed in."""

from django.utils.translation import pgettext_lazy


def items(user) -> list:
    from portal.navigation import NavItem

    return [NavItem(pgettext_lazy("main menu", "Security"), "account-security", order=95)]
