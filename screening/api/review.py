"""API of the review part of screening: phases and allocation, assignments, conflicts of interest, the
rubric, scores, assessments, the experts' queue and the office's board. Included by screening/api/applications.py.
Thin: every write is a service; who sees what comes from rules.py and the selectors."""

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from portal.common.params import query_version
from portal.errors import NotAllowed, NotFound
from screening import rules, selectors
from screening.api.review_serializers import (
    AllocationConfirmSerializer,
    AssessmentInputSerializer,
    AssessmentSerializer,
    AssignmentInputSerializer,
    AssignmentRemoveSerializer,
    AssignmentSerializer,
    BatchResultSerializer,
    ConflictInputSerializer,
    ConflictSerializer,
    MoveSerializer,
    PanelConfirmSerializer,
    PhaseSerializer,
    ScoreInputSerializer,
    ScoreSheetSerializer,
    assessment_payload,
    assignment_payload,
    board_payload,
    queue_payload,
    score_sheet_payload,
)
from screening.catalogues.rubric import CURRENT_RUBRIC_VERSION, load_rubric, rubric_of, rubric_payload
from screening.domain.scoring import summarise, summary_payload
from screening.enums import StatementChannel
from screening.models import Application, Assignment, ScoreSheet
from screening.selectors import review as rs
from screening.services import assignments as assignment_services
from screening.services import phases as phase_services
from screening.services import reviews as review_services

# A JSON array of objects, for the endpoints that answer with a plain list of payloads.
OBJECT_LIST = {200: {"type": "array", "items": {"type": "object"}}}


def visible_application(user, pk) -> Application:
    """404 for anyone who may not see it: other companies, unassigned or conflicted experts."""
    application = selectors.applications_visible_to(user).select_related("company", "phase").filter(pk=pk).first()
    if application is None:
        if rules.is_expert(user):
            raise NotFound(_("This application does not exist or is not assigned to you."))
        raise NotFound(_("This application does not exist or is not available to you."))
    return application


def _batch(outcome) -> dict:
    return {"done": outcome.done, "refused": outcome.refused}


# --- phases and allocation -------------------------------------------------------------------------------


class PhaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                   mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Screening phases. Everyone signed in reads (companies name a preferred phase); the program office
    creates and edits them, ``state`` included."""

    serializer_class = PhaseSerializer
    pagination_class = None
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return rs.phases_with_counts()

    def create(self, request, *args, **kwargs):
        if not rules.can_manage_phases(request.user):
            raise NotAllowed(_("Only the program office may create or change phases."))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        phase = phase_services.phase_create(actor=request.user, data=serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=phase.pk)).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        phase = self.get_object()
        if not rules.can_manage_phases(request.user):
            raise NotAllowed(_("Only the program office may create or change phases."))
        serializer = self.get_serializer(phase, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        phase_services.phase_update(actor=request.user, phase=phase, data=serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=phase.pk)).data)

    @extend_schema(request=None, responses=BatchResultSerializer)
    @action(detail=True, methods=["post"], url_path="start-reviews")
    def start_reviews(self, request, pk=None):
        """Start the review of every application scheduled into this (open) phase."""
        outcome = phase_services.phase_start_reviews(actor=request.user, phase=self.get_object(),
                                                     reason=str(request.data.get("reason") or ""))
        return Response(_batch(outcome))

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"], url_path="assignments")
    def assign_panels(self, request, pk=None):
        """Confirm the portal's proposed panel of every application in this phase (load balanced)."""
        made = assignment_services.phase_panels_confirm(phase=self.get_object(), actor=request.user)
        return Response({"assigned": {str(k): v for k, v in made.items()}})


class AllocationView(APIView):
    """The portal's proposed allocation of eligible applications into phases (submission order,
    preferred phase, capacity); the program office confirms it, whole or changed."""

    def _check(self, request):
        if not rules.can_manage_phases(request.user):
            raise NotAllowed(_("Only the program office schedules applications into phases."))

    @extend_schema(responses=OBJECT_LIST)
    def get(self, request):
        self._check(request)
        return Response([
            {"application": p.application.pk, "company": p.application.company_id,
             "company_name": p.application.company.name_ko, "submitted_at": p.application.submitted_at,
             "preferred_phase": p.application.preferred_phase_id, "phase": p.phase.pk if p.phase else None,
             "preferred": p.preferred}
            for p in rs.proposed_allocation()
        ])

    @extend_schema(request=AllocationConfirmSerializer, responses=BatchResultSerializer)
    def post(self, request):
        self._check(request)
        serializer = AllocationConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        items = serializer.validated_data.get("placements")
        if items is None:
            placements = [(p.application.pk, p.phase.pk) for p in rs.proposed_allocation() if p.phase]
        else:
            placements = [(i["application"], i["phase"]) for i in items]
        return Response(_batch(phase_services.allocation_confirm(actor=request.user, placements=placements)))


class MoveView(APIView):
    @extend_schema(request=MoveSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk):
        """Move a scheduled application to another phase (program office)."""
        application = visible_application(request.user, pk)
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        moved = phase_services.application_move(application=application, actor=request.user,
                                                phase=serializer.validated_data["phase"],
                                                reason=serializer.validated_data.get("reason", ""))
        return Response({"id": moved.pk, "state": moved.state, "phase": moved.phase_id, "version": moved.version})


# --- assignments -------------------------------------------------------------------------------------------


class AssignmentsView(APIView):
    @extend_schema(responses=AssignmentSerializer(many=True))
    def get(self, request, pk):
        """The office and auditors: every assignment (removed ones marked); an expert: their own."""
        application = visible_application(request.user, pk)
        if not (rules.can_read_reviews(request.user) or rules.is_expert(request.user)):
            raise NotAllowed(_("The panel of reviewers and advisors is not disclosed to the applicant."))
        return Response([assignment_payload(a) for a in rs.assignments_visible_to(request.user, application)])

    @extend_schema(request=AssignmentInputSerializer, responses={201: AssignmentSerializer})
    def post(self, request, pk):
        """The program office assigns a reviewer or advisor (a confirmed assignment)."""
        application = visible_application(request.user, pk)
        if not rules.can_manage_assignments(request.user):
            raise NotAllowed(_("Only the program office assigns reviewers and advisors."))
        serializer = AssignmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = assignment_services.assignment_create(
            application=application, actor=request.user, user=serializer.validated_data["user"],
            due_on=serializer.validated_data.get("due_on"),
        )
        return Response(assignment_payload(_reload(assignment)), status=status.HTTP_201_CREATED)


def _reload(assignment: Assignment) -> Assignment:
    return Assignment.objects.select_related("expert", "assigned_by", "score_sheet", "assessment").get(pk=assignment.pk)


class AssignmentDetailView(APIView):
    @extend_schema(request=AssignmentRemoveSerializer, responses={200: AssignmentSerializer})
    def delete(self, request, pk, assignment_id):
        """The program office removes an assignment (kept, marked removed)."""
        application = visible_application(request.user, pk)
        if not rules.can_manage_assignments(request.user):
            raise NotAllowed(_("Only the program office removes assignments."))
        assignment = get_object_or_404(Assignment, pk=assignment_id, application=application)
        serializer = AssignmentRemoveSerializer(data=request.data or {})
        serializer.is_valid(raise_exception=True)
        removed = assignment_services.assignment_remove(assignment=assignment, actor=request.user,
                                                        reason=serializer.validated_data.get("reason", ""))
        return Response(assignment_payload(_reload(removed)))


class PanelProposalView(APIView):
    def _check(self, request):
        if not rules.can_manage_assignments(request.user):
            raise NotAllowed(_("Only the program office assigns reviewers and advisors."))

    @extend_schema(responses=OBJECT_LIST)
    def get(self, request, pk):
        """The experts the portal proposes to complete the panel, least-loaded first."""
        application = visible_application(request.user, pk)
        self._check(request)
        loads = rs.open_loads()
        proposal = rs.proposed_panel(application, loads=dict(loads))
        return Response([{"user": u.pk, "username": u.get_username(), "kind": u.role, "load": loads.get(u.pk, 0)}
                         for u in proposal])

    @extend_schema(request=PanelConfirmSerializer, responses={201: AssignmentSerializer(many=True)})
    def post(self, request, pk):
        """Confirm the proposal (or the given ``users``): all assigned, or none."""
        application = visible_application(request.user, pk)
        self._check(request)
        serializer = PanelConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        made = assignment_services.panel_confirm(application=application, actor=request.user,
                                                 experts=serializer.validated_data.get("users"),
                                                 due_on=serializer.validated_data.get("due_on"))
        return Response([assignment_payload(_reload(a)) for a in made], status=status.HTTP_201_CREATED)


class NoConflictView(APIView):
    @extend_schema(request=None, responses=AssignmentSerializer)
    def post(self, request, pk):
        """The assigned expert states they have no conflict of interest with the company (once)."""
        application = visible_application(request.user, pk)
        assignment = assignment_services.no_conflict_state(application=application, actor=request.user,
                                                           channel=StatementChannel.API)
        return Response(assignment_payload(_reload(assignment)))


class ConflictViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Conflicts of interest. Reviewers and advisors declare theirs and see their own; the program office
    and auditors see all."""

    serializer_class = ConflictSerializer
    pagination_class = None

    def get_queryset(self):
        if not (rules.can_read_reviews(self.request.user) or rules.is_expert(self.request.user)):
            raise NotAllowed(_("Only reviewers, advisors, the program office and auditors see conflicts of interest."))
        return rs.conflicts_visible_to(self.request.user)

    @extend_schema(request=ConflictInputSerializer, responses={201: ConflictSerializer})
    def create(self, request, *args, **kwargs):
        if not rules.can_declare_conflict(request.user):
            raise NotAllowed(_("Only reviewers and advisors declare conflicts of interest."))
        serializer = ConflictInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        conflict = assignment_services.conflict_declare(actor=request.user, company=data["company"],
                                                        nature=data["nature"], since=data.get("since"))
        return Response(ConflictSerializer(conflict).data, status=status.HTTP_201_CREATED)


# --- rubric, scores, assessments --------------------------------------------------------------------------


class RubricView(APIView):
    @extend_schema(parameters=[OpenApiParameter("version", str)], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        """The scoring rubric in force (``?version=`` for an older one)."""
        version = query_version(request.query_params) or CURRENT_RUBRIC_VERSION
        try:
            rubric = load_rubric(version)
        except LookupError:
            raise NotFound(_("There is no rubric of version %(version)s.") % {"version": version[:20]}) from None
        return Response(rubric_payload(rubric))


class ScoresView(APIView):
    @extend_schema(responses=ScoreSheetSerializer(many=True))
    def get(self, request, pk):
        """One entry per submitted score sheet the caller may see (blind until their own is in)."""
        application = visible_application(request.user, pk)
        return Response([score_sheet_payload(s) for s in rs.score_sheets_visible_to(request.user, application)])

    @extend_schema(request=ScoreInputSerializer, responses={200: ScoreSheetSerializer, 201: ScoreSheetSerializer,
                                                            409: OpenApiResponse(description="already submitted")})
    def post(self, request, pk):
        """An assigned reviewer submits the score sheet (or saves a draft with ``"draft": true``)."""
        application = visible_application(request.user, pk)
        serializer = ScoreInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        sheet, created = review_services.score_sheet_save(
            application=application, actor=request.user, scores=data["scores"], comment=data.get("comment", ""),
            comments=data.get("comments"), draft=data.get("draft", False), channel=StatementChannel.API,
        )
        sheet = ScoreSheet.objects.select_related("assignment__expert").get(pk=sheet.pk)
        code = status.HTTP_201_CREATED if created or sheet.is_submitted else status.HTTP_200_OK
        return Response(score_sheet_payload(sheet), status=code)


class MyScoreSheetView(APIView):
    @extend_schema(responses=ScoreSheetSerializer)
    def get(self, request, pk):
        """The caller's own score sheet, draft included."""
        application = visible_application(request.user, pk)
        sheet = (ScoreSheet.objects.select_related("assignment__expert")
                 .filter(assignment__application=application, assignment__expert=request.user,
                         assignment__removed_at__isnull=True).first())
        if sheet is None:
            raise NotFound(_("You have no score sheet for this application yet."))
        return Response(score_sheet_payload(sheet))


class ScoreSummaryView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        """The aggregate: total, pass, per-criterion mean, median and spread, flags (office and auditors)."""
        application = visible_application(request.user, pk)
        if not rules.can_read_reviews(request.user):
            raise NotAllowed(_("Only the program office and auditors see the aggregated scores."))
        rubric = rubric_of(application)
        summary = summarise(rubric, [s.scores for s in rs.submitted_score_sheets(application)])
        return Response(summary_payload(summary, rubric))


class AssessmentsView(APIView):
    @extend_schema(responses=AssessmentSerializer(many=True))
    def get(self, request, pk):
        """Submitted assessments the caller may see (office, auditors; an advisor after their own)."""
        application = visible_application(request.user, pk)
        return Response([assessment_payload(a) for a in rs.assessments_visible_to(request.user, application)])

    @extend_schema(request=AssessmentInputSerializer, responses={201: AssessmentSerializer})
    def post(self, request, pk):
        """An assigned advisor submits an assessment (or saves a draft with ``"draft": true``)."""
        application = visible_application(request.user, pk)
        serializer = AssessmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assessment, created = review_services.assessment_save(
            application=application, actor=request.user, recommendation=data.get("recommendation", ""),
            narrative=data.get("narrative", ""), conditions=data.get("conditions", ""),
            draft=data.get("draft", False), channel=StatementChannel.API,
        )
        code = status.HTTP_201_CREATED if created or assessment.is_submitted else status.HTTP_200_OK
        return Response(assessment_payload(assessment), status=code)


# --- queue and board ------------------------------------------------------------------------------------


class QueueView(APIView):
    @extend_schema(responses=OBJECT_LIST)
    def get(self, request):
        """The caller's open assignments with due dates, soonest first (reviewers and advisors)."""
        if not rules.is_expert(request.user):
            raise NotAllowed(_("Only reviewers and advisors have a work queue."))
        return Response([queue_payload(a) for a in rs.queue_of(request.user)])


class BoardView(APIView):
    @extend_schema(responses=OBJECT_LIST)
    def get(self, request):
        """Every application by phase and state (program office and auditors)."""
        if not rules.can_read_reviews(request.user):
            raise NotAllowed(_("Only the program office and auditors see the board."))
        return Response(board_payload(rs.board()))


router = SimpleRouter()
router.register("phases", PhaseViewSet, basename="api-phase")
router.register("conflicts", ConflictViewSet, basename="api-conflict")

urlpatterns = [
    path("catalogue/rubric/", RubricView.as_view(), name="api-catalogue-rubric"),
    path("allocation/", AllocationView.as_view(), name="api-allocation"),
    path("queue/", QueueView.as_view(), name="api-review-queue"),
    path("board/", BoardView.as_view(), name="api-board"),
    path("applications/<id:pk>/move/", MoveView.as_view(), name="api-application-move"),
    path("applications/<id:pk>/assignments/", AssignmentsView.as_view(), name="api-application-assignments"),
    path("applications/<id:pk>/assignments/proposal/", PanelProposalView.as_view(),
         name="api-application-panel-proposal"),
    path("applications/<id:pk>/assignments/<id:assignment_id>/", AssignmentDetailView.as_view(),
         name="api-application-assignment"),
    path("applications/<id:pk>/no-conflict/", NoConflictView.as_view(), name="api-application-no-conflict"),
    path("applications/<id:pk>/scores/", ScoresView.as_view(), name="api-application-scores"),
    path("applications/<id:pk>/scores/mine/", MyScoreSheetView.as_view(), name="api-application-scores-mine"),
    path("applications/<id:pk>/scores/summary/", ScoreSummaryView.as_view(), name="api-application-scores-summary"),
    path("applications/<id:pk>/assessments/", AssessmentsView.as_view(), name="api-application-assessments"),
    *router.urls,
]
