"""Writing findings reports: drafts, filing, corrections.

Guarantees:

* Who: the company's CISO files; its staff prepare drafts; nobody else writes (403 for those who may
  see the letter, 404 for everyone else).
* When: only under a letter in force. An expired or revoked letter refuses every write (409, with the
  date and, for a revocation, that it was revoked).
* What: the content is checked by ``reports.domain.report_input`` (400 naming the field); nothing is
  stored unless all of it is right.
* Immutability: a filed report never changes (409). A correction is a new version that ``supersedes``
  the filed one, which stays as it was.
* Concurrency: every write locks the letter row first, so two writers of one letter's reports take
  turns and a chain never gets two heads.
Each service is atomic and records an audit entry.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from letters.models import Letter, LetterStatus
from portal.audit.services import audit_record
from portal.errors import Conflict, NotAllowed, NotFound
from reports import rules
from reports.catalogues.taxonomy import CURRENT_TAXONOMY_VERSION, load_taxonomy
from reports.domain.report_input import ReportInput, clean_kind, clean_report_content
from reports.enums import ReportKind, ReportStatus, ReviewState
from reports.models import Finding, FindingsReport, Obligation, VulnerabilityTest
from reports.selectors import today_in_seoul
from reports.services.obligations import obligations_ensure


# --- checks ----------------------------------------------------------------------------------------
def check_may_write(actor, letter: Letter, *, filing: bool) -> None:
    if not rules.can_view_reports(actor, letter):
        raise NotFound(_("This letter does not exist or is not available to you."))
    if not rules.can_prepare_report(actor, letter):
        raise NotAllowed(_("Only the company's CISO and staff write findings reports."), code="role_may_not")
    if filing and not rules.can_file_report(actor, letter):
        raise NotAllowed(_("Only the company's CISO may file a findings report; save it as a draft "
                           "(\"draft\": true) for the CISO to file."), code="role_may_not")


def check_letter_open(letter: Letter, *, today: dt.date) -> None:
    """Reports are written only while the letter is in force."""
    if letter.status == LetterStatus.REVOKED:
        day = timezone.localtime(letter.revoked_at).date() if letter.revoked_at else today
        raise Conflict(
            _("Letter %(reference)s was revoked on %(date)s; no report can be written under a revoked letter.")
            % {"reference": letter.reference, "date": date_format(day, "Y-m-d")},
            code="letter_revoked", extra={"status": letter.status},
        )
    if letter.status == LetterStatus.EXPIRED or letter.valid_until < today:
        raise Conflict(
            _("Letter %(reference)s expired on %(date)s; no report can be written under an expired letter.")
            % {"reference": letter.reference, "date": date_format(letter.valid_until, "Y-m-d")},
            code="letter_expired", extra={"status": LetterStatus.EXPIRED},
        )


def _refuse_filed(report: FindingsReport) -> None:
    if report.status == ReportStatus.FILED:
        raise Conflict(
            _("Version %(version)d of this report was filed on %(date)s and cannot be changed; file a correction "
              "(a new version) instead.")
            % {"version": report.version, "date": date_format(timezone.localtime(report.filed_at), "Y-m-d")},
            code="report_filed",
        )


def _lock_letter(letter: Letter) -> Letter:
    return Letter.objects.select_for_update(of=("self",)).select_related("application").get(pk=letter.pk)


def _lock_report(report: FindingsReport) -> FindingsReport:
    return FindingsReport.objects.select_for_update(of=("self",)).get(pk=report.pk)


# --- content -----------------------------------------------------------------------------------------
def content_of(report: FindingsReport) -> dict:
    """The stored content in the API's input shape (to re-check on filing, or to copy into a correction)."""
    return {
        "tests": [{"performed_on": t.performed_on, "tools": t.tools, "systems": t.systems}
                  for t in report.tests.order_by("position", "id")],
        "findings": [{"category": f.category, "severity": f.severity, "description": f.description,
                      "anticipated_risk": f.anticipated_risk, "defence": f.defence, "status": f.status}
                     for f in report.findings.order_by("position", "id")],
    }


def _store_content(report: FindingsReport, content: ReportInput) -> None:
    report.tests.all().delete()
    report.findings.all().delete()
    tests = [VulnerabilityTest(report=report, position=i, performed_on=t.performed_on, tools=t.tools,
                               systems=t.systems) for i, t in enumerate(content.tests)]
    findings = [Finding(report=report, position=i, category=f.category, severity=f.severity,
                        description=f.description, anticipated_risk=f.anticipated_risk, defence=f.defence,
                        status=f.status) for i, f in enumerate(content.findings)]
    for row in (*tests, *findings):
        row.full_clean(exclude=["report"])
    VulnerabilityTest.objects.bulk_create(tests)
    Finding.objects.bulk_create(findings)


def _mark_filed(report: FindingsReport, actor, now) -> None:
    report.status = ReportStatus.FILED
    report.filed_at = now
    report.filed_by = actor
    report.review_state = ReviewState.PENDING
    report.reviewed_by, report.reviewed_at, report.review_note, report.resubmit_by = None, None, "", None


def _summary(report: FindingsReport, content: ReportInput) -> dict:
    return {"kind": report.kind, "version": report.version, "status": report.status,
            "tests": len(content.tests), "findings": len(content.findings),
            "severities": sorted({f.severity for f in content.findings if f.severity})}


def _clean(data: dict, *, filing: bool, today: dt.date, version: str = CURRENT_TAXONOMY_VERSION) -> ReportInput:
    return clean_report_content(data, filing=filing, today=today, taxonomy=load_taxonomy(version))


# --- services ----------------------------------------------------------------------------------------
def report_submit(*, letter: Letter, actor, kind, data: dict, draft: bool) -> tuple[FindingsReport, bool]:
    """``POST /letters/{reference}/reports/``: file a report (or save a draft) of ``kind``.

    Interim and final reports have one chain per letter: the chain's open draft takes the content (and
    is filed unless ``draft``); when the chain's head is filed, the post is a correction (a new
    version). Every ad-hoc post starts a new report. Returns (report, created)."""
    today = today_in_seoul()
    check_may_write(actor, letter, filing=not draft)
    kind = clean_kind(kind)
    check_letter_open(letter, today=today)
    content = _clean(data, filing=not draft, today=today)
    now = timezone.now()
    with transaction.atomic():
        locked = _lock_letter(letter)
        check_letter_open(locked, today=today)
        head, obligation = None, None
        if kind != ReportKind.AD_HOC:
            obligations_ensure(letter=locked)
            obligation = Obligation.objects.get(letter=locked, kind=kind)
            head = FindingsReport.objects.filter(letter=locked, kind=kind).order_by("-version", "-id").first()
        created = head is None or head.is_filed
        if created:
            report = FindingsReport(
                letter=locked, obligation=obligation, kind=kind, version=head.version + 1 if head else 1,
                supersedes=head, created_by=actor, taxonomy_version=CURRENT_TAXONOMY_VERSION,
                created_at=now, updated_at=now,
            )
        else:
            report = _lock_report(head)
            report.taxonomy_version = CURRENT_TAXONOMY_VERSION
            report.updated_at = now
        if not draft:
            _mark_filed(report, actor, now)
        report.full_clean()
        report.save()
        _store_content(report, content)
        action = "report.draft" if draft else ("report.correct" if report.supersedes_id else "report.file")
        audit_record(actor=actor, action=action, obj=report, after=_summary(report, content))
    return report, created


def report_update_draft(*, report: FindingsReport, actor, data: dict, file: bool = False) -> FindingsReport:
    """Replace a draft's content (and file it when ``file``). A filed report is refused (409)."""
    today = today_in_seoul()
    letter = report.letter
    check_may_write(actor, letter, filing=file)
    _refuse_filed(report)
    check_letter_open(letter, today=today)
    content = _clean(data, filing=file, today=today)
    now = timezone.now()
    with transaction.atomic():
        locked_letter = _lock_letter(letter)
        check_letter_open(locked_letter, today=today)
        locked = _lock_report(report)
        _refuse_filed(locked)
        locked.taxonomy_version = CURRENT_TAXONOMY_VERSION
        locked.updated_at = now
        if file:
            _mark_filed(locked, actor, now)
        locked.full_clean()
        locked.save()
        _store_content(locked, content)
        audit_record(actor=actor, action="report.file" if file else "report.draft", obj=locked,
                     after=_summary(locked, content))
    return locked


def report_file(*, report: FindingsReport, actor) -> FindingsReport:
    """File a draft as it stands (the CISO). Its content must be complete (400 naming what is missing)."""
    return report_update_draft(report=report, actor=actor, data=content_of(report), file=True)


def report_correct(*, report: FindingsReport, actor, data: dict | None = None, draft: bool = True) -> FindingsReport:
    """Start (or file) a correction of a filed report: a new version that supersedes it. Without ``data``
    the new draft starts as a copy of the filed content. The filed version is kept unchanged."""
    today = today_in_seoul()
    letter = report.letter
    check_may_write(actor, letter, filing=not draft)
    check_letter_open(letter, today=today)
    content = _clean(content_of(report) if data is None else data, filing=not draft, today=today)
    now = timezone.now()
    with transaction.atomic():
        locked_letter = _lock_letter(letter)
        check_letter_open(locked_letter, today=today)
        locked = _lock_report(report)
        if locked.is_draft:
            raise Conflict(_("Only a filed report is corrected; a draft can simply be edited."),
                           code="report_is_draft")
        newer = FindingsReport.objects.filter(supersedes=locked).first()
        if newer is not None:
            raise Conflict(
                _("Version %(version)d was already corrected by version %(newer)d; correct the newest version.")
                % {"version": locked.version, "newer": newer.version},
                code="report_already_corrected", extra={"report": newer.pk},
            )
        correction = FindingsReport(
            letter=locked_letter, obligation=locked.obligation, kind=locked.kind, version=locked.version + 1,
            supersedes=locked, created_by=actor, taxonomy_version=CURRENT_TAXONOMY_VERSION,
            created_at=now, updated_at=now,
        )
        if not draft:
            _mark_filed(correction, actor, now)
        correction.full_clean()
        correction.save()
        _store_content(correction, content)
        audit_record(actor=actor, action="report.correct" if not draft else "report.draft", obj=correction,
                     after={**_summary(correction, content), "supersedes": locked.pk})
    return correction


def report_delete_draft(*, report: FindingsReport, actor) -> None:
    """Throw a draft away (the company). A filed report is never deleted (409)."""
    check_may_write(actor, report.letter, filing=False)
    _refuse_filed(report)
    with transaction.atomic():
        locked = _lock_report(report)
        _refuse_filed(locked)
        audit_record(actor=actor, action="report.discard_draft", obj=locked,
                     before={"kind": locked.kind, "version": locked.version})
        locked.tests.all().delete()
        locked.findings.all().delete()
        locked.delete()
