"""API endpoints of reports (routed by reports/api/urls.py). Thin: reads go through selectors, writes
through services."""

import datetime as dt

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.common.params import query_choice, query_version
from portal.errors import InvalidInput, NotAllowed, NotFound
from reports import rules, selectors, services
from reports.api.serializers import (
    ObligationSerializer,
    OfficeObligationSerializer,
    ReportContentSerializer,
    ReportInputSerializer,
    ReportSerializer,
    ReviewInputSerializer,
    ThreatSerializer,
    report_payload,
)
from reports.catalogues.taxonomy import CURRENT_TAXONOMY_VERSION, load_taxonomy, taxonomy_payload
from reports.domain.report_input import clean_draft_flag
from reports.enums import ObligationState
from reports.models import FindingsReport


def _body(request) -> dict:
    data = request.data
    if hasattr(data, "dict"):  # a form-encoded body: no lists of tests or findings, but say so field by field
        data = data.dict()
    if not isinstance(data, dict):
        raise InvalidInput({"non_field_errors": [_("Send the report as a JSON object.")]})
    return data


def _with_successor(queryset):
    successor = FindingsReport.objects.filter(supersedes=OuterRef("pk")).values("pk")[:1]
    return queryset.annotate(superseded_by_id=Subquery(successor))


def _report(request, reference: str, pk: int) -> FindingsReport:
    letter = selectors.visible_letter(request.user, reference)
    report = selectors.visible_report(request.user, pk)
    if report.letter_id != letter.pk:
        raise selectors.report_not_found()
    report.superseded_by_id = FindingsReport.objects.filter(supersedes=report).values_list("pk", flat=True).first()
    return report


def _fresh(report: FindingsReport, request) -> dict:
    return report_payload(_report(request, report.letter.reference, report.pk), viewer=request.user)


class LetterObligationsView(APIView):
    """The letter's reporting obligations, ``[{kind, due_on, state}]``; created on first read."""

    @extend_schema(responses=ObligationSerializer(many=True))
    def get(self, request, reference):
        letter = selectors.visible_letter(request.user, reference)
        services.obligations_ensure(letter=letter)
        obligations = selectors.obligations_of_letter(letter, selectors.today_in_seoul())
        for obligation in obligations:
            obligation.letter = letter
        return Response(ObligationSerializer(obligations, many=True).data)


class LetterReportsView(APIView):
    """GET: the letter's reports (drafts only for the company). POST: file one, or save a draft."""

    @extend_schema(responses=ReportSerializer(many=True))
    def get(self, request, reference):
        letter = selectors.visible_letter(request.user, reference)
        reports = _with_successor(selectors.reports_of_letter(request.user, letter))
        return Response([report_payload(r, viewer=request.user) for r in reports])

    @extend_schema(request=ReportInputSerializer, responses={201: ReportSerializer, 200: ReportSerializer})
    def post(self, request, reference):
        letter = selectors.visible_letter(request.user, reference)
        data = _body(request)
        report, created = services.report_submit(letter=letter, actor=request.user, kind=data.get("kind"),
                                                 data=data, draft=clean_draft_flag(data.get("draft")))
        return Response(_fresh(report, request), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class ReportDetailView(APIView):
    """One report. PATCH replaces a draft's content (409 once filed); DELETE discards a draft."""

    @extend_schema(responses=ReportSerializer)
    def get(self, request, reference, pk):
        return Response(report_payload(_report(request, reference, pk), viewer=request.user))

    @extend_schema(request=ReportContentSerializer, responses=ReportSerializer)
    def patch(self, request, reference, pk):
        report = _report(request, reference, pk)
        data = _body(request)
        merged = {**services.findings.content_of(report), **{k: v for k, v in data.items() if k in ("tests", "findings")}}
        report = services.report_update_draft(report=report, actor=request.user, data=merged,
                                              file=not clean_draft_flag(data.get("draft", True)))
        return Response(_fresh(report, request))

    @extend_schema(responses={204: None})
    def delete(self, request, reference, pk):
        services.report_delete_draft(report=_report(request, reference, pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReportFileView(APIView):
    """File a draft as it stands (the CISO)."""

    @extend_schema(request=None, responses=ReportSerializer)
    def post(self, request, reference, pk):
        report = services.report_file(report=_report(request, reference, pk), actor=request.user)
        return Response(_fresh(report, request))


class ReportCorrectionView(APIView):
    """Correct a filed report: a new version. Without tests and findings, a draft copy to edit."""

    @extend_schema(request=ReportContentSerializer, responses={201: ReportSerializer})
    def post(self, request, reference, pk):
        report = _report(request, reference, pk)
        data = _body(request)
        content = {k: data[k] for k in ("tests", "findings") if k in data} or None
        draft = clean_draft_flag(data.get("draft")) if content is not None else True
        correction = services.report_correct(report=report, actor=request.user, data=content, draft=draft)
        return Response(_fresh(correction, request), status=status.HTTP_201_CREATED)


def _review_input(request) -> tuple[str, dt.date | None]:
    data = request.data if isinstance(request.data, dict) else {}
    note = data.get("note") or ""
    if not isinstance(note, str):
        raise InvalidInput({"note": [_("The note must be text.")]})
    raw = data.get("resubmit_by")
    if raw in (None, ""):
        return note, None
    try:
        return note, dt.date.fromisoformat(str(raw))
    except ValueError:
        raise InvalidInput({"resubmit_by": [_("“%(value)s” is not a date; write it as YYYY-MM-DD.")
                                            % {"value": str(raw)[:20]}]}) from None


class ReportAcceptView(APIView):
    """The program office accepts the current version of a filed report."""

    @extend_schema(request=ReviewInputSerializer, responses=ReportSerializer)
    def post(self, request, reference, pk):
        note, _resubmit = _review_input(request)
        report = services.report_accept(report=_report(request, reference, pk), actor=request.user, note=note)
        return Response(_fresh(report, request))


class ReportRequestMoreView(APIView):
    """The program office asks for more: a note and the date the new version is due."""

    @extend_schema(request=ReviewInputSerializer, responses=ReportSerializer)
    def post(self, request, reference, pk):
        note, resubmit_by = _review_input(request)
        report = services.report_request_more(report=_report(request, reference, pk), actor=request.user,
                                              note=note, resubmit_by=resubmit_by)
        return Response(_fresh(report, request))


class ObligationListView(generics.ListAPIView):
    """Every obligation, for the program office and auditors; ``?state=`` filters (upcoming, due,
    overdue, filed, accepted)."""

    serializer_class = OfficeObligationSerializer

    @extend_schema(parameters=[OpenApiParameter("state", str, enum=ObligationState.values)])
    def get(self, request, *args, **kwargs):
        if not rules.can_view_all_obligations(request.user):
            raise NotAllowed(_("Only the program office and auditors see every obligation."), code="role_may_not")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.all_obligations(self.request.user)

    def paginate_queryset(self, queryset):
        today = selectors.today_in_seoul()
        wanted = query_choice(self.request.query_params, "state", ObligationState.values)
        rows = selectors.with_states(queryset, today)
        if wanted:
            rows = [row for row in rows if row.state == wanted]
        return super().paginate_queryset(rows)


class ThreatCatalogueView(APIView):
    """The threat taxonomy findings are classified by (versioned; ``?version=`` picks an older one)."""

    @extend_schema(parameters=[OpenApiParameter("version", str)],
                   responses={200: ThreatSerializer(many=True), 404: OpenApiResponse(description="Unknown version")})
    def get(self, request):
        version = query_version(request.query_params) or CURRENT_TAXONOMY_VERSION
        try:
            taxonomy = load_taxonomy(version)
        except LookupError:
            raise NotFound(_("There is no threat taxonomy of version %(version)s.") % {"version": version[:20]}) from None
        return Response(taxonomy_payload(taxonomy))

