"""The one way a page runs a service and shows its refusal (the API's counterpart is the exception
handler in portal/errors.py).

404 and 403 become Django's, so the shared error pages show them (existence never leaks); invalid
input goes onto the form's fields when there is a form; anything else is a message on the page the
user is sent back to.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from portal.errors import InvalidInput, NotAllowed, NotFound, PortalError


def refused(request, error: PortalError) -> None:
    """Raise 404 or 403 for those refusals; show any other as an error message."""
    if isinstance(error, NotFound):
        raise Http404(error.message)
    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.message)
    messages.error(request, error.message)


def run_service(request, call, *, form=None, on_conflict_redirect=None):
    """Call a service. Returns (result, None) on success; on a refusal (None, response) with a
    redirect to ``on_conflict_redirect`` when given, or (None, None) when the errors were put on
    ``form`` (the view renders it again, with 400)."""
    try:
        return call(), None
    except InvalidInput as error:
        if form is not None:
            for field, problems in error.fields.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
            return None, None
        refused(request, error)
    except PortalError as error:
        refused(request, error)
    return None, redirect(on_conflict_redirect) if on_conflict_redirect else None
