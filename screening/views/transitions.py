"""Firing a transition from the page: the same list and the same services as the API."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.ui.forms import answer_status
from portal.ui.services import run_service
from screening import services
from screening.forms import TransitionForm
from screening.services.registry import get_action
from screening.views.common import visible_application


@login_required
def transition_fire(request, pk: int, name: str):
    """GET: a confirmation form (reason, and the transition's inputs). POST: fire it."""
    application = visible_application(request, pk)
    action, refused = run_service(request, lambda: get_action(name))
    if request.method == "POST":
        form = TransitionForm(request.POST, action=action)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version" and v not in (None, "")}
            fired, refused = run_service(
                request,
                lambda: services.fire_transition(application=application, name=name, actor=request.user,
                                                 data=data, expected_version=form.cleaned_data["version"]),
                form=form, on_conflict_redirect=reverse("screening:application-detail", args=[pk]),
            )
            if refused:
                return refused
            if fired is not None:
                messages.success(request, _("Done: %(action)s. The application is now %(state)s.")
                                 % {"action": action.label, "state": fired.get_state_display()})
                return redirect("screening:application-detail", pk=pk)
    else:
        form = TransitionForm(initial={"version": application.version}, action=action)
    return render(request, "screening/transition_confirm.html",
                  {"application": application, "action": action, "form": form}, status=answer_status(request, form))
