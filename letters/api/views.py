"""API endpoints of letters, gathered under /api/v1/ by portal/api/urls.py. Thin: reads go through selectors,
the public verification through letters.domain.verification."""

import logging

from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, renderers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from letters import selectors
from letters.api.serializers import LetterSerializer, VerificationInputSerializer, VerificationSerializer
from letters.domain.verification import (
    check_upload_size,
    clean_sha256,
    sha256_of_upload,
    verify_hit,
    verify_reference,
)
from portal.common.storage import open_private
from portal.errors import NotFound

logger = logging.getLogger(__name__)


class PDFRenderer(renderers.BaseRenderer):
    """Lets a client ask for ``Accept: application/pdf`` (the success is a FileResponse, not rendered)."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return renderers.JSONRenderer().render(data)  # only reached for errors; see handle_exception


class LetterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Issued letters: the company's own, and those of applications a regulator-side user may see.
    Anyone else gets 404 for a single letter."""

    serializer_class = LetterSerializer
    lookup_field = "reference"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return selectors.letters_visible_to(self.request.user)

    def handle_exception(self, exc):
        # Errors are JSON, labelled as such, even when the client asked for the PDF.
        self.request.accepted_renderer = renderers.JSONRenderer()
        self.request.accepted_media_type = "application/json"
        return super().handle_exception(exc)

    def get_object(self):
        reference = self.kwargs["reference"]
        letter = self.get_queryset().filter(reference=reference).first() if selectors.is_reference(reference) else None
        if letter is None:
            raise NotFound(_("This letter does not exist or is not available to you."))
        return letter

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="The issued, signed PDF.")})
    @action(detail=True, methods=["get"], url_path="pdf", renderer_classes=[renderers.JSONRenderer, PDFRenderer])
    def pdf(self, request, reference=None):
        letter = self.get_object()
        return pdf_response(letter)


def pdf_response(letter) -> FileResponse:
    """Exactly the stored bytes, named after the reference."""
    try:
        handle = open_private(letter.pdf_name)  # FileResponse closes it
    except FileNotFoundError:
        logger.error("the stored PDF of letter %s is missing: %s", letter.reference, letter.pdf_name)
        raise NotFound(_("The file of this letter cannot be found. The program office has been told."),
                       code="file_missing") from None
    response = FileResponse(handle, content_type="application/pdf", as_attachment=True,
                            filename=f"{letter.reference}.pdf")
    response["Content-Length"] = str(letter.pdf_size)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class VerificationThrottle(BaseThrottle):
    """At most 60 verification requests a minute per client, shared with the verification page."""

    def allow_request(self, request, view):
        self.decision = verify_hit(request)
        return self.decision.allowed

    def wait(self):
        return self.decision.retry_after


class VerifyView(APIView):
    """Public: is this reference a letter, for whom, valid when, and its status now. With ``sha256``
    (or a PDF upload on POST), whether that file is exactly the issued letter (``matches``)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [VerificationThrottle]
    parser_classes = [MultiPartParser, FormParser]

    def throttled(self, request, wait):
        raise Throttled(wait=wait, detail=_("Too many verification requests from your address. Try again in "
                                            "%(seconds)d seconds.") % {"seconds": wait})

    def _answer(self, reference, sha256):
        result = verify_reference(reference, sha256=sha256)
        if result is None:
            raise NotFound(_("There is no letter with the reference %(reference)s.") % {"reference": reference[:40]},
                           code="unknown_reference")
        return Response(result.payload())

    @extend_schema(parameters=[OpenApiParameter("sha256", str, description="SHA-256 of a file (64 hex).")],
                   responses={200: VerificationSerializer})
    def get(self, request, reference):
        return self._answer(reference, clean_sha256(request.query_params.get("sha256")))

    @extend_schema(request={"multipart/form-data": VerificationInputSerializer},
                   responses={200: VerificationSerializer})
    def post(self, request, reference):
        check_upload_size(request)
        upload = request.FILES.get("file")
        sha256 = sha256_of_upload(upload) if upload is not None else clean_sha256(request.data.get("sha256"))
        return self._answer(reference, sha256)
