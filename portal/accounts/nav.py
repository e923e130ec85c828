"""The sign-in security page in the main menu, for everyone signed in."""

from django.utils.translation import gettext_lazy as _


def items(user) -> list:
    from portal.navigation import NavItem

    return [NavItem(_("Login security"), "account-security", order=95)]
