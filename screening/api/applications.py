"""API endpoints of screening, gathered under /api/v1/ by portal/api/urls.py. Thin: every write is a service."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from portal.api.schema import ErrorSerializer
from portal.common.params import if_match_version, query_version
from portal.common.storage import open_private
from portal.errors import NotAllowed, NotFound
from screening import rules, selectors, services
from screening.api.serializers import (
    ApplicationSerializer,
    ApplicationWriteSerializer,
    ControlSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    StateChangeSerializer,
    TransitionInputSerializer,
    TransitionSerializer,
)
from screening.catalogues.controls import CURRENT_CONTROLS_VERSION, load_controls

IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=False,
    description='The version you last saw, e.g. "7"; a version in the body wins. 409 if someone changed the '
                "application since, 400 if the header is not a version.",
)


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Applications. Company users: their own company's; program office and auditors: all; reviewers and
    advisors: those assigned to them. Anyone else gets 404 for a single application."""

    serializer_class = ApplicationSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        return selectors.application_list_for(self.request.user)

    @extend_schema(request=ApplicationWriteSerializer, responses={201: ApplicationSerializer})
    def create(self, request, *args, **kwargs):
        if not rules.can_create_application(request.user):
            raise NotAllowed(_("Only a company's CISO or staff may start an application, for their own company."))
        serializer = ApplicationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        company = data.pop("company", None)
        data.pop("version", None)
        if company is not None and company != request.user.company_id:
            raise NotFound(_("This company does not exist or is not available to you."))
        application = services.application_create(actor=request.user, data=data)
        return Response(self._read(application.pk), status=status.HTTP_201_CREATED)

    @extend_schema(request=ApplicationWriteSerializer, responses={200: ApplicationSerializer}, parameters=[IF_MATCH])
    def partial_update(self, request, *args, **kwargs):
        application = self.get_object()
        seen = if_match_version(request)
        serializer = ApplicationWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version", None) or seen
        if "company" in data and data.pop("company") != application.company_id:
            raise NotAllowed(_("An application cannot move to another company."))
        application = services.application_update(application=application, actor=request.user, data=data,
                                                  expected_version=version)
        return Response(self._read(application.pk))

    def _read(self, pk: int) -> dict:
        return ApplicationSerializer(self.get_queryset().get(pk=pk), context=self.get_serializer_context()).data

    @extend_schema(responses=TransitionSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="transitions", pagination_class=None)
    def transitions(self, request, pk=None):
        application = self.get_object()
        actions = services.available_transitions(application, request.user)
        return Response([{"name": a.name, "label": a.label, "reason_required": a.reason_required} for a in actions])

    @extend_schema(
        request=TransitionInputSerializer,
        parameters=[IF_MATCH],
        responses={200: ApplicationSerializer, 403: OpenApiResponse(description="your role may not"),
                   404: OpenApiResponse(description="not visible to you"),
                   409: OpenApiResponse(description="not allowed now (state named) or changed by someone else")},
    )
    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<name>[A-Za-z0-9_\-]+)")
    def fire(self, request, pk=None, name=None):
        application = self.get_object()
        seen = if_match_version(request)
        serializer = TransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version", None) or seen
        application = services.fire_transition(application=application, name=name, actor=request.user,
                                               data=data, expected_version=version)
        return Response(self._read(application.pk))

    @extend_schema(responses=StateChangeSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk=None):
        application = self.get_object()
        return Response(StateChangeSerializer(selectors.history_of(application), many=True,
                                              context=self.get_serializer_context()).data)

    @extend_schema(methods=["GET"], responses=DocumentSerializer(many=True))
    @extend_schema(methods=["POST"], request={"multipart/form-data": DocumentUploadSerializer},
                   responses={201: DocumentSerializer})
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser, FormParser], pagination_class=None)
    def documents(self, request, pk=None):
        application = self.get_object()
        if request.method == "GET":
            return Response(DocumentSerializer(selectors.documents_of(application), many=True,
                                               context=self.get_serializer_context()).data)
        document = services.document_upload(application=application, actor=request.user,
                                            uploaded=request.FILES.get("file"))
        return Response(DocumentSerializer(document, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"documents/(?P<document_id>[0-9]+)")
    def document(self, request, pk=None, document_id=None):
        application = self.get_object()
        document = get_object_or_404(selectors.documents_of(application), pk=document_id)
        services.document_delete(document=document, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={
        (200, "application/pdf"): OpenApiResponse(description="the PDF"),
        409: OpenApiResponse(ErrorSerializer, description="withheld: the content check found active content in "
                             "it (code document_withheld, reason the check's code)"),
    })
    @action(detail=True, methods=["get"], url_path=r"documents/(?P<document_id>[0-9]+)/download",
            url_name="document-download")
    def document_download(self, request, pk=None, document_id=None):
        application = self.get_object()
        document = get_object_or_404(selectors.documents_of(application), pk=document_id)
        document = services.document_cleared_for_download(document=document, actor=request.user)
        return document_response(document)


def document_response(document) -> FileResponse:
    """The stored bytes as an attachment named after the original file (never a path)."""
    try:
        handle = open_private(document.stored_name)
    except FileNotFoundError:
        raise NotFound(_("The file of this document is missing. Ask the program office.")) from None
    response = FileResponse(handle, as_attachment=True, filename=document.original_name,
                            content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class ControlCatalogueView(APIView):
    """The compensating-controls catalogue (versioned; ``?version=`` picks an older one)."""

    @extend_schema(parameters=[OpenApiParameter("version", str)], responses=ControlSerializer(many=True))
    def get(self, request):
        version = query_version(request.query_params) or CURRENT_CONTROLS_VERSION
        try:
            catalogue = load_controls(version)
        except LookupError:
            raise NotFound(_("There is no controls catalogue of version %(version)s.") % {"version": version[:20]}) from None
        return Response([
            {"code": c.code, "version": catalogue.version, "title": c.title, "title_ko": c.title_ko,
             "title_en": c.title_en, "description_ko": c.description_ko, "description_en": c.description_en}
            for c in catalogue.controls
        ])


router = SimpleRouter()
router.register("applications", ApplicationViewSet, basename="api-application")

urlpatterns = [
    path("catalogue/controls/", ControlCatalogueView.as_view(), name="api-catalogue-controls"),
    path("", include("screening.api.review")),  # phases, assignments, conflicts, scores, assessments
    *router.urls,
]
