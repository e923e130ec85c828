"""What every screening page needs: the visible application. (Services run through
``portal.ui.services.run_service``, the pages' one way of showing a refusal.)"""

from django.shortcuts import get_object_or_404

from screening import selectors


def visible_application(request, pk: int):
    """The application if the user may see it; 404 otherwise (existence never leaks)."""
    return get_object_or_404(selectors.application_detail_for(request.user), pk=pk)
