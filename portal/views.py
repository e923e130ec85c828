from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _wants_json(request) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def _error(request, status: int, message: str, code: str):
    if _wants_json(request):
        return JsonResponse({"detail": message, "code": code}, status=status)
    return render(request, "portal/error.html", {"status": status, "message": message}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("The request could not be understood."), "bad_request")


def permission_denied(request, exception=None):
    return _error(request, 403, _("You do not have permission to do this."), "permission_denied")


def page_not_found(request, exception=None):
    return _error(request, 404, _("The page you asked for does not exist or is not available to you."), "not_found")


def server_error(request):
    return _error(request, 500, _("Something went wrong on our side. The error has been logged."), "server_error")


@login_required
def home(request):
    return render(request, "portal/home.html", {})
