"""How letters look in the API. Thin: read-only, the fields docs/letters.md names plus the revocation."""

from django.urls import reverse
from rest_framework import serializers

from letters.domain.verification import public_status
from letters.models import Letter


class LetterSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="application_id", read_only=True)
    company = serializers.IntegerField(source="application.company_id", read_only=True)
    status = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Letter
        fields = [
            "reference", "application", "company", "company_name_ko", "company_name_en", "issued_at",
            "valid_from", "valid_until", "status", "sha256", "revoked_at", "revocation_reason",
            "conditions_version", "pdf",
        ]
        read_only_fields = fields

    def get_status(self, letter) -> str:
        return public_status(letter)

    def get_pdf(self, letter) -> str:
        return reverse("api-letter-pdf", kwargs={"reference": letter.reference})


class VerificationSerializer(serializers.Serializer):
    """The public verification answer (documentation of the response)."""

    reference = serializers.CharField()
    company_name = serializers.CharField()
    company_name_en = serializers.CharField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()
    status = serializers.ChoiceField(choices=["valid", "expired", "revoked"])
    revoked_on = serializers.DateField(allow_null=True)
    matches = serializers.BooleanField(required=False, help_text="Present when a sha256 or a file was given.")


class VerificationInputSerializer(serializers.Serializer):
    sha256 = serializers.CharField(required=False, help_text="SHA-256 of a file, 64 hexadecimal characters.")
    file = serializers.FileField(required=False, help_text="A PDF to compare with the issued letter.")
