"""Whether this deployment may hold demo data: published logins and second factors, the development
signing CA, the demo's applications and letter.

Local and test settings allow it (``PORTAL_DEMO_ALLOWED = True``); production settings, and any
settings that do not say, refuse. Every function that seeds demo data or makes the development CA
calls ``require_demo_allowed`` itself, so a shell or a script that calls it directly is refused too,
not only ``manage.py prepare_portal``.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _


class DemoNotAllowed(ImproperlyConfigured):
    """Demo data or the development CA was asked for under settings that forbid it."""


def demo_allowed() -> bool:
    return getattr(settings, "PORTAL_DEMO_ALLOWED", False) is True


def require_demo_allowed(what: str) -> None:
    """Raise ``DemoNotAllowed`` unless the settings allow demo data; ``what`` names what was refused."""
    if not demo_allowed():
        raise DemoNotAllowed(_(
            "Refused: %(what)s loads demo data or the development CA, which these settings do not allow "
            "(PORTAL_DEMO_ALLOWED is off, as in production). Set up a production portal with "
            "manage.py bootstrap_portal (README.md, \"Production bootstrap\")."
        ) % {"what": what})
