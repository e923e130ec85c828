"""Reports' part of the company's step indicator (see portal/ui/progress.py): the next report owed."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from letters.models import LetterStatus
from portal.ui.progress import REPORTS, Stage

from .enums import ObligationState
from .models import Obligation
from .selectors import today_in_seoul, with_states

_OPEN = {ObligationState.UPCOMING, ObligationState.DUE, ObligationState.OVERDUE}


def stage(company) -> Stage | None:
    """The next report owed under a letter in force, if any. Two queries."""
    today = today_in_seoul()
    obligations = with_states(Obligation.objects.filter(letter__application__company=company,
                                                        letter__status=LetterStatus.VALID)
                              .select_related("letter").order_by("due_on", "id"), today)
    owed = next((o for o in obligations if o.state in _OPEN), None)
    if owed is None:
        return None
    note = _("Next report: the %(report)s under %(reference)s, due %(due)s.") % {
        "report": owed.get_kind_display(), "reference": owed.letter.reference,
        "due": date_format(owed.effective_due_on, "Y-m-d")}
    if owed.state == ObligationState.OVERDUE:
        note = _("Overdue: the %(report)s under %(reference)s was due %(due)s.") % {
            "report": owed.get_kind_display(), "reference": owed.letter.reference,
            "due": date_format(owed.effective_due_on, "Y-m-d")}
    return Stage(REPORTS, note=note, url=reverse("reports:home"), link_label=_("Findings reports"))
