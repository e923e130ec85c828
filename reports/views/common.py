"""What every reports page needs: the role checks. (Refusals are shown by
``portal.ui.services.refused``, the pages' one way of showing a refusal.)"""

from django.core.exceptions import PermissionDenied


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)
