"""What every reports page needs: the role checks. Refusals are shown by ``portal.ui.services``,
the pages' one way of showing a refusal."""

from django.core.exceptions import PermissionDenied

from portal.errors import Conflict
from portal.ui.services import refused

__all__ = ["Conflict", "refused", "require"]


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)
