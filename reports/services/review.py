"""The program office's answer to a filed report: accept it, or ask for more (with a date for the new
version). Atomic, audited; the company is told by mail after commit. Only the current version of a
chain (the filed report no filed correction replaces) is reviewed."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.audit.services import audit_record
from portal.errors import Conflict, InvalidInput, NotAllowed, NotFound
from reports import rules
from reports.enums import NOTE_MAX, RESUBMIT_DAYS, ReportStatus, ReviewState
from reports.mail import send_review_outcome
from reports.models import FindingsReport
from reports.selectors import today_in_seoul


def _check(actor, report: FindingsReport) -> None:
    if not rules.can_view_reports(actor, report.letter) or report.is_draft:
        raise NotFound(_("This report does not exist or is not available to you."))
    if not rules.can_review_reports(actor):
        raise NotAllowed(_("Only the program office accepts reports or asks for more."), code="role_may_not")


def _lock_current(report: FindingsReport) -> FindingsReport:
    locked = FindingsReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    newer = FindingsReport.objects.filter(Q(supersedes=locked), status=ReportStatus.FILED).first()
    if newer is not None:
        raise Conflict(_("Version %(version)d was replaced by version %(newer)d; review the newest version.")
                       % {"version": locked.version, "newer": newer.version}, code="report_superseded",
                       extra={"report": newer.pk})
    return locked


def _clean_note(note: str | None, *, required: bool) -> str:
    note = (note or "").strip()
    if required and not note:
        raise InvalidInput({"note": [_("Say what more the company should report.")]})
    if len(note) > NOTE_MAX:
        raise InvalidInput({"note": [_("The note may be at most %(max)d characters long (it has %(n)d).")
                                     % {"max": NOTE_MAX, "n": len(note)}]})
    return note


def _notify(report_id: int) -> None:
    transaction.on_commit(lambda: send_review_outcome(report_id))


def report_accept(*, report: FindingsReport, actor, note: str = "") -> FindingsReport:
    """Accept the current version of a filed report. Accepting it twice is refused (409)."""
    _check(actor, report)
    note = _clean_note(note, required=False)
    with transaction.atomic():
        locked = _lock_current(report)
        if locked.review_state == ReviewState.ACCEPTED:
            raise Conflict(_("This report was already accepted on %(date)s.")
                           % {"date": date_format(timezone.localtime(locked.reviewed_at), "Y-m-d")},
                           code="already_accepted")
        before = {"review_state": locked.review_state}
        locked.review_state = ReviewState.ACCEPTED
        locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
        locked.review_note, locked.resubmit_by = note, None
        locked.full_clean()
        locked.save(update_fields=["review_state", "reviewed_by", "reviewed_at", "review_note", "resubmit_by"])
        audit_record(actor=actor, action="report.accept", obj=locked, before=before,
                     after={"review_state": locked.review_state}, reason=note)
        _notify(locked.pk)
    return locked


def report_request_more(*, report: FindingsReport, actor, note: str,
                        resubmit_by: dt.date | None = None) -> FindingsReport:
    """Ask the company for more: a note (required) and the date the new version is due (by default
    RESUBMIT_DAYS from today; it must lie ahead). The obligation is open again until a new version is filed."""
    _check(actor, report)
    note = _clean_note(note, required=True)
    today = today_in_seoul()
    if resubmit_by is None:
        resubmit_by = today + dt.timedelta(days=RESUBMIT_DAYS)
    elif resubmit_by <= today:
        raise InvalidInput({"resubmit_by": [_("The new version must be due after today (%(today)s).")
                                            % {"today": today.isoformat()}]})
    with transaction.atomic():
        locked = _lock_current(report)
        if locked.review_state == ReviewState.ACCEPTED:
            raise Conflict(_("This report was already accepted; the company may still file a correction."),
                           code="already_accepted")
        before = {"review_state": locked.review_state, "resubmit_by": locked.resubmit_by}
        locked.review_state = ReviewState.MORE_REQUESTED
        locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
        locked.review_note, locked.resubmit_by = note, resubmit_by
        locked.full_clean()
        locked.save(update_fields=["review_state", "reviewed_by", "reviewed_at", "review_note", "resubmit_by"])
        audit_record(actor=actor, action="report.request_more", obj=locked, before=before,
                     after={"review_state": locked.review_state, "resubmit_by": resubmit_by}, reason=note)
        _notify(locked.pk)
    return locked
