"""What every screening page needs: the visible application, and turning service errors into pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from portal.errors import Conflict, InvalidInput, NotAllowed, NotFound, PortalError
from screening import selectors


def visible_application(request, pk: int):
    """The application if the user may see it; 404 otherwise (existence never leaks)."""
    return get_object_or_404(selectors.application_detail_for(request.user), pk=pk)


def run_service(request, call, *, form=None, on_conflict_redirect=None):
    """Call a service. Returns (result, None) on success; on a refusal returns (None, response) with
    a redirect for conflicts, or (None, None) when the errors were put on ``form``.
    403 and 404 are raised as Django's, so the shared error pages show them."""
    try:
        return call(), None
    except NotFound as error:
        raise Http404(error.message) from None
    except NotAllowed as error:
        raise PermissionDenied(error.message) from None
    except Conflict as error:
        messages.error(request, error.message)
        return None, redirect(on_conflict_redirect) if on_conflict_redirect else None
    except InvalidInput as error:
        if form is None:
            messages.error(request, error.message)
            return None, redirect(on_conflict_redirect) if on_conflict_redirect else None
        for field, problems in error.fields.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
        return None, None
    except PortalError as error:  # pragma: no cover - every subclass is handled above
        messages.error(request, error.message)
        return None, redirect(on_conflict_redirect) if on_conflict_redirect else None
