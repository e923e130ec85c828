"""Pages of findings reports: the reports home, a letter's obligations and reports, and one report
(new, edit, file, correct, discard, review). No JavaScript needed: plain forms and redirects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.errors import InvalidInput, NotFound, PortalError
from portal.ui.services import refused
from reports import rules, selectors, services
from reports.catalogues.taxonomy import load_taxonomy
from reports.enums import ObligationState, ReportKind
from reports.forms import KindForm, ReviewForm, content_from, formsets, put_errors
from reports.services.findings import content_of


def _letter(request, reference):
    try:
        return selectors.visible_letter(request.user, reference)
    except NotFound as error:
        raise Http404(error.message) from None


def _report(request, pk):
    try:
        return selectors.visible_report(request.user, pk)
    except NotFound as error:
        raise Http404(error.message) from None


@login_required
def reports_home(request):
    """Company users: their letters and what each owes. The office and auditors: every obligation (by
    state) and the reports awaiting review. Experts: the letters they may see."""
    today = selectors.today_in_seoul()
    context = {"today": today}
    if rules.can_view_all_obligations(request.user):
        wanted = request.GET.get("state") or ""
        obligations = selectors.with_states(selectors.all_obligations(request.user), today)
        counts = {state: 0 for state in ObligationState.values}
        for obligation in obligations:
            counts[obligation.state] += 1
        if wanted in ObligationState.values:
            obligations = [o for o in obligations if o.state == wanted]
        context.update(office=True, obligations=obligations[:500], shown_all=len(obligations) <= 500,
                       state_counts=[(s, ObligationState(s).label, counts[s]) for s in ObligationState.values],
                       wanted=wanted, awaiting=list(selectors.reports_awaiting_review()[:100]))
    else:
        letters = list(selectors.letters_with_reports_for(request.user))
        if request.user.is_company_user:  # a company has a letter or two: create what the sync job has not yet
            for letter in letters:
                services.obligations_ensure(letter=letter)
        rows = selectors.with_states(selectors.all_obligations(request.user), today)
        by_letter: dict[int, list] = {}
        for obligation in rows:
            by_letter.setdefault(obligation.letter_id, []).append(obligation)
        context["letters"] = [(letter, by_letter.get(letter.pk, [])) for letter in letters]
    context["can_analyse"] = rules.can_view_findings_analysis(request.user)
    context["can_dashboard"] = rules.can_view_dashboard(request.user)
    context["can_export"] = rules.can_export(request.user)
    return render(request, "reports/home.html", context)


@login_required
def letter_reports(request, reference):
    letter = _letter(request, reference)
    services.obligations_ensure(letter=letter)
    today = selectors.today_in_seoul()
    reports = list(selectors.reports_of_letter(request.user, letter))
    may_write = rules.can_prepare_report(request.user, letter)
    writable = True
    closed_reason = ""
    try:
        services.findings.check_letter_open(letter, today=today)
    except PortalError as error:
        writable, closed_reason = False, error.message
    return render(request, "reports/letter.html", {
        "letter": letter, "obligations": selectors.obligations_of_letter(letter, today), "reports": reports,
        "may_write": may_write and writable, "closed_reason": closed_reason if may_write else "",
        "kind_form": KindForm(), "taxonomy": load_taxonomy(),
    })


def _edit_page(request, *, letter, report, kind, tests, findings, loose=(), status=200):
    return render(request, "reports/report_form.html", {
        "letter": letter, "report": report, "kind": kind, "kind_label": ReportKind(kind).label,
        "tests": tests, "findings": findings, "loose_errors": loose,
        "may_file": rules.can_file_report(request.user, letter),
    }, status=status)


@login_required
def report_new(request, reference):
    letter = _letter(request, reference)
    if not rules.can_prepare_report(request.user, letter):
        raise Http404(_("This letter does not exist or is not available to you."))
    kind = request.POST.get("kind") or request.GET.get("kind") or ReportKind.AD_HOC
    if kind not in ReportKind.values:
        kind = ReportKind.AD_HOC
    if request.method != "POST":
        tests, findings = formsets()
        return _edit_page(request, letter=letter, report=None, kind=kind, tests=tests, findings=findings)
    tests, findings = formsets(request.POST)
    if not (tests.is_valid() and findings.is_valid()):
        return _edit_page(request, letter=letter, report=None, kind=kind, tests=tests, findings=findings, status=400)
    content, positions = content_from(tests, findings)
    draft = "file" not in request.POST
    try:
        report, _created = services.report_submit(letter=letter, actor=request.user, kind=kind, data=content,
                                                  draft=draft)
    except InvalidInput as invalid:
        loose = put_errors(invalid, tests, findings, positions)
        return _edit_page(request, letter=letter, report=None, kind=kind, tests=tests, findings=findings,
                          loose=loose, status=400)
    except PortalError as error:
        refused(request, error)
        return redirect("reports:letter", reference=letter.reference)
    messages.success(request, _("The report was saved as a draft.") if draft else _("The report was filed."))
    return redirect("reports:report-detail", pk=report.pk)


@login_required
def report_detail(request, pk):
    report = _report(request, pk)
    letter = report.letter
    versions = selectors.chain_of(report)
    newer = next((v for v in versions if v.supersedes_id == report.pk), None)
    company_side = rules.can_prepare_report(request.user, letter)
    taxonomy = _taxonomy(report.taxonomy_version)
    return render(request, "reports/report_detail.html", {
        "report": report, "letter": letter, "versions": versions, "newer": newer,
        "findings": [(f, taxonomy.name(f.category) if f.category else "") for f in report.findings.all()],
        "may_edit": report.is_draft and company_side,
        "may_file": report.is_draft and rules.can_file_report(request.user, letter),
        "may_correct": report.is_filed and newer is None and company_side,
        "may_review": report.is_filed and newer is None and rules.can_review_reports(request.user),
        # Two forms on one page: their own element ids, the same field names.
        "accept_form": ReviewForm(auto_id="accept-%s"), "more_form": ReviewForm(auto_id="more-%s"),
    })


def _taxonomy(version):
    try:
        return load_taxonomy(version)
    except LookupError:
        return load_taxonomy()


@login_required
def report_edit(request, pk):
    report = _report(request, pk)
    letter = report.letter
    if not rules.can_prepare_report(request.user, letter):
        raise Http404(_("This report does not exist or is not available to you."))
    if report.is_filed:
        messages.error(request, _("A filed report cannot be changed; file a correction (a new version) instead."))
        return redirect("reports:report-detail", pk=report.pk)
    if request.method != "POST":
        tests, findings = formsets(content=content_of(report))
        return _edit_page(request, letter=letter, report=report, kind=report.kind, tests=tests, findings=findings)
    tests, findings = formsets(request.POST)
    if not (tests.is_valid() and findings.is_valid()):
        return _edit_page(request, letter=letter, report=report, kind=report.kind, tests=tests, findings=findings,
                          status=400)
    content, positions = content_from(tests, findings)
    file = "file" in request.POST
    try:
        report = services.report_update_draft(report=report, actor=request.user, data=content, file=file)
    except InvalidInput as invalid:
        loose = put_errors(invalid, tests, findings, positions)
        return _edit_page(request, letter=letter, report=report, kind=report.kind, tests=tests, findings=findings,
                          loose=loose, status=400)
    except PortalError as error:
        refused(request, error)
        return redirect("reports:report-detail", pk=report.pk)
    messages.success(request, _("The report was filed.") if file else _("The draft was saved."))
    return redirect("reports:report-detail" if file else "reports:report-edit", pk=report.pk)


@login_required
@require_POST
def report_correct(request, pk):
    report = _report(request, pk)
    try:
        correction = services.report_correct(report=report, actor=request.user)
    except PortalError as error:
        refused(request, error)
        return redirect("reports:report-detail", pk=report.pk)
    messages.success(request, _("A correction (version %(version)d) was started from the filed content. "
                                "Edit it and file it; the filed version is kept.") % {"version": correction.version})
    return redirect("reports:report-edit", pk=correction.pk)


@login_required
@require_POST
def report_discard(request, pk):
    report = _report(request, pk)
    reference = report.letter.reference
    try:
        services.report_delete_draft(report=report, actor=request.user)
    except PortalError as error:
        refused(request, error)
        return redirect("reports:report-detail", pk=report.pk)
    messages.success(request, _("The draft was discarded."))
    return redirect("reports:letter", reference=reference)


@login_required
@require_POST
def report_review(request, pk):
    report = _report(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the note and the date."))
        return redirect("reports:report-detail", pk=report.pk)
    data = form.cleaned_data
    try:
        if data["decision"] == "accept":
            services.report_accept(report=report, actor=request.user, note=data["note"])
            messages.success(request, _("The report was accepted."))
        else:
            services.report_request_more(report=report, actor=request.user, note=data["note"],
                                         resubmit_by=data["resubmit_by"])
            messages.success(request, _("The company was asked for more."))
    except PortalError as error:
        refused(request, error)
    return redirect("reports:report-detail", pk=report.pk)
