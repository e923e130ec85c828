"""The shared pages: error pages and each role's home page."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.common.appdiscovery import app_hooks
from portal.errors import wants_json
from portal.ui.progress import furthest_stage
from portal.ui.todo import todos_for


def _error(request, status: int, message: str, code: str, *, plain: bool = False):
    if wants_json(request):
        return JsonResponse({"detail": message, "code": code}, status=status)
    context = {"status": status, "message": message, "plain_chrome": plain}
    return render(request, "portal/error.html", context, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("The request could not be understood."), "bad_request")


def permission_denied(request, exception=None):
    return _error(request, 403, _("You do not have permission to do this."), "permission_denied")


def page_not_found(request, exception=None):
    return _error(request, 404, _("The page you asked for does not exist or is not available to you."), "not_found")


def server_error(request):
    # The menu needs the user and the database, either of which may be what just failed.
    return _error(request, 500, _("Something went wrong on our side. The error has been logged."), "server_error",
                  plain=True)


PROGRAM_STEPS = (
    gettext_lazy("Eligibility check"),
    gettext_lazy("Application"),
    gettext_lazy("Screening"),
    gettext_lazy("No-action letter"),
    gettext_lazy("Findings reports"),
)


def _program_steps(current: int) -> list[dict]:
    """The program's stages for KRDS's step indicator; ``current`` counts from 1."""
    return [
        {"label": label, "state": "done" if number < current else "active" if number == current else ""}
        for number, label in enumerate(PROGRAM_STEPS, start=1)
    ]


# --- pages ----------------------------------------------------------------------------------------


@login_required
def home(request):
    """Each role's home page. What the apps above portal show there comes from their ``hooks.py``
    (``home_context(request) -> dict``), gathered through ``portal.common.appdiscovery``: eligibility adds the
    registry for the regulator's side and the company's own verdict for its users."""
    user = request.user
    context = {}
    for contribute in app_hooks("hooks", "home_context"):
        context.update(contribute(request))
    if user.is_regulator:
        return render(request, "portal/home_regulator.html", {**context, "todos": todos_for(user)})
    if user.is_company_user and user.company_id:
        company = user.company
        stage = furthest_stage(company, eligible=bool(context.get("eligible")))
        return render(request, "portal/home_company.html", {
            **context, "company": company, "steps": _program_steps(stage.number), "stage": stage})
    return render(request, "portal/home.html", {})
