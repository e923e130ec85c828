"""Screening's part of the company's step indicator (see portal/ui/progress.py): its latest application."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.ui.progress import APPLICATION, SCREENING, Stage

from .enums import ApplicationState as S
from .models import Application

_AT_APPLICATION = {S.DRAFT, S.SUPPLEMENT_REQUESTED}
_IN_SCREENING = {S.SUBMITTED, S.ELIGIBLE, S.INELIGIBLE, S.SCHEDULED, S.UNDER_REVIEW, S.SCREENED, S.APPROVED,
                 S.REJECTED}


def stage(company) -> Stage | None:
    """The latest application that is not withdrawn; a granted one is letters' to report. One query."""
    application = (Application.objects.filter(company=company).exclude(state=S.WITHDRAWN)
                   .only("id", "state").order_by("-created_at", "-id").first())
    if application is None or application.state not in _AT_APPLICATION | _IN_SCREENING:
        return None
    note = _("Application #%(id)s: %(state)s.") % {"id": application.pk, "state": application.get_state_display()}
    return Stage(APPLICATION if application.state in _AT_APPLICATION else SCREENING, note=note,
                 url=reverse("screening:application-detail", kwargs={"pk": application.pk}),
                 link_label=_("Open the application"))
