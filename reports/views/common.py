"""What every reports page needs: turning service refusals into pages, and the role checks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404

from portal.errors import Conflict, NotAllowed, NotFound, PortalError


def refused(request, error: PortalError) -> None:
    """403 and 404 become Django's (the shared error pages); anything else is shown as a message."""
    if isinstance(error, NotFound):
        raise Http404(error.message)
    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.message)
    messages.error(request, error.message)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


__all__ = ["Conflict", "refused", "require"]
