"""API shapes of applications, their history and documents. Thin: validation of meaning is the services'."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from eligibility.presenters import snapshot_payload
from portal.accounts.rules import person_ref
from screening.domain.completeness import missing_items
from screening.enums import (
    CONTROLS_OTHER_MAX,
    PRODUCT_FIELD_MAX,
    PRODUCTS_MAX,
    REASON_MAX,
    SELF_ASSESSMENT_MAX,
    SYSTEMS_IN_SCOPE_MAX,
)
from screening.models import Application, Phase, StateChange, SupportingDocument


class ProductSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=PRODUCT_FIELD_MAX)
    vendor = serializers.CharField(max_length=PRODUCT_FIELD_MAX)


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    username = serializers.CharField(allow_null=True)
    organisation = serializers.CharField(required=False, help_text=_(
        "Only to company users, for a regulator-side person: the institution (FSC); id and username are null."))


def viewer_of(serializer):
    """Who reads the payload (the request's user); unknown without a request in the context."""
    return getattr(serializer.context.get("request"), "user", None)


class MissingSerializer(serializers.Serializer):
    section = serializers.CharField()
    field = serializers.CharField()
    message = serializers.CharField()


class EligibilitySnapshotField(serializers.JSONField):
    """The eligibility result stored at submission, with each criterion's ``label`` and ``basis`` in the
    request's language (the contract's Eligibility shape) beside the stored bilingual texts."""

    def to_representation(self, value):
        return super().to_representation(snapshot_payload(value))


class ApplicationSerializer(serializers.ModelSerializer):
    """What every reader of an application gets."""

    eligibility = EligibilitySnapshotField(source="eligibility_snapshot", read_only=True)
    missing = serializers.SerializerMethodField()
    document_count = serializers.SerializerMethodField()
    created_by = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id", "company", "state", "version",
            "scope_ai_vulnerability_assessment", "scope_saas_security", "ai_models", "saas_products",
            "systems_in_scope", "compensating_controls", "compensating_controls_other", "self_assessment",
            "preferred_phase", "phase", "attestation", "attested_at", "submitted_at", "eligibility",
            "override_justification", "supplement_request", "decision_reason", "decision_conditions",
            "decided_at", "effective_date", "missing", "document_count", "created_by", "created_at", "updated_at",
        ]
        read_only_fields = fields

    def get_missing(self, application) -> list[dict]:
        return [{"section": m.section, "field": m.field, "message": m.message} for m in missing_items(application)]

    def get_document_count(self, application) -> int:
        annotated = getattr(application, "document_count", None)
        return annotated if annotated is not None else application.documents.count()

    @extend_schema_field(UserRefSerializer(allow_null=True))
    def get_created_by(self, application) -> dict | None:
        return person_ref(application.created_by, viewer=viewer_of(self))


class ApplicationWriteSerializer(serializers.Serializer):
    """What the company may send (POST and PATCH). ``attestation`` is the CISO's alone (403 otherwise).
    ``version`` is the version the caller last saw: when it is no longer current the write is a 409."""

    company = serializers.IntegerField(required=False, help_text=_("Your own company; defaults to it."))
    scope_ai_vulnerability_assessment = serializers.BooleanField(required=False)
    scope_saas_security = serializers.BooleanField(required=False)
    ai_models = ProductSerializer(many=True, required=False, max_length=PRODUCTS_MAX)
    saas_products = ProductSerializer(many=True, required=False, max_length=PRODUCTS_MAX)
    systems_in_scope = serializers.CharField(required=False, allow_blank=True, max_length=SYSTEMS_IN_SCOPE_MAX)
    compensating_controls = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, max_length=100,
    )
    compensating_controls_other = serializers.CharField(required=False, allow_blank=True,
                                                        max_length=CONTROLS_OTHER_MAX)
    self_assessment = serializers.CharField(required=False, allow_blank=True, max_length=SELF_ASSESSMENT_MAX)
    preferred_phase = serializers.PrimaryKeyRelatedField(queryset=Phase.objects.all(), required=False,
                                                         allow_null=True)
    attestation = serializers.BooleanField(required=False)
    version = serializers.IntegerField(required=False, min_value=1)

    READ_ONLY = frozenset(ApplicationSerializer.Meta.fields) - {
        "company", "scope_ai_vulnerability_assessment", "scope_saas_security", "ai_models", "saas_products",
        "systems_in_scope", "compensating_controls", "compensating_controls_other", "self_assessment",
        "preferred_phase", "attestation", "version",
    }

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            errors = {}
            for key in data.keys():
                if key == "state":
                    errors[key] = [_("The state changes only through transitions: POST "
                                     "/api/v1/applications/{id}/transitions/{name}/.")]
                elif key in self.READ_ONLY:
                    errors[key] = [_("This field is read-only.")]
                elif key not in self.fields:
                    errors[key] = [_("Unknown field.")]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class TransitionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    reason_required = serializers.BooleanField()


class TransitionInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=REASON_MAX)
    phase = serializers.IntegerField(required=False, allow_null=True, help_text=_("For schedule: the phase id."))
    conditions = serializers.CharField(required=False, allow_blank=True,
                                       help_text=_("For approve: specific conditions of the letter."))
    effective_date = serializers.DateField(required=False, allow_null=True,
                                           help_text=_("For approve: a later effective date of the letter."))
    adopt_conditions = serializers.ListField(
        child=serializers.IntegerField(), required=False, max_length=50,
        help_text=_("For approve: ids of advisors' assessments whose proposed conditions the letter adopts "
                    "(before your own conditions)."),
    )
    version = serializers.IntegerField(required=False, min_value=1,
                                       help_text=_("The version you last saw; 409 if someone changed it since."))


class StateChangeSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    to = serializers.CharField(source="to_state")

    class Meta:
        model = StateChange
        fields = ["id", "transition", "actor", "to", "reason", "at"]

    @extend_schema_field(UserRefSerializer(allow_null=True))
    def get_actor(self, change) -> dict | None:
        return person_ref(change.actor, viewer=viewer_of(self))

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.CharField(source="from_state")  # a Python keyword, so added here
        return fields


class DocumentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    uploaded_by = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = SupportingDocument
        fields = ["id", "name", "size", "sha256", "page_count", "uploaded_by", "uploaded_at", "download_url"]

    @extend_schema_field(UserRefSerializer(allow_null=True))
    def get_uploaded_by(self, document) -> dict | None:
        return person_ref(document.uploaded_by, viewer=viewer_of(self))

    def get_download_url(self, document) -> str:
        return reverse("api-application-document-download", args=[document.application_id, document.pk])


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True, help_text=_("A PDF, at most 20 MB."))


class ControlSerializer(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.CharField()
    title = serializers.CharField()
    title_ko = serializers.CharField()
    title_en = serializers.CharField()
    description_ko = serializers.CharField()
    description_en = serializers.CharField()
