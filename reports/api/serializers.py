"""How obligations, reports and the threat taxonomy look in the API. Output is built here; input is
checked by the services (reports.domain.report_input), so the input serializers only document it."""

from rest_framework import serializers

from portal.accounts.rules import person_ref
from reports.catalogues.taxonomy import load_taxonomy
from reports.enums import FindingStatus, ObligationKind, ObligationState, ReportKind, Severity


class ObligationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    letter = serializers.CharField(source="letter.reference")
    kind = serializers.ChoiceField(choices=ObligationKind.choices)
    due_on = serializers.DateField()
    effective_due_on = serializers.DateField(help_text="The due date that counts now (a later date when the "
                                                      "office asked for more).")
    state = serializers.ChoiceField(choices=ObligationState.choices)
    report = serializers.IntegerField(source="latest_report_id", allow_null=True,
                                      help_text="The latest filed report of this obligation.")


class OfficeObligationSerializer(ObligationSerializer):
    company = serializers.IntegerField(source="letter.application.company_id")
    company_name = serializers.CharField(source="letter.company_name_ko")


def report_payload(report, *, viewer) -> dict:
    """One report with its tests and findings (prefetched by the selectors), as ``viewer`` may read it:
    to the company, the office's reviewer is the institution (portal.accounts.rules)."""
    taxonomy = _taxonomy(report.taxonomy_version)
    return {
        "id": report.pk,
        "letter": report.letter.reference,
        "kind": report.kind,
        "version": report.version,
        "status": report.status,
        "draft": report.is_draft,
        "supersedes": report.supersedes_id,
        "superseded_by": getattr(report, "superseded_by_id", None),
        "taxonomy_version": report.taxonomy_version,
        "created_by": person_ref(report.created_by, viewer=viewer),
        "created_at": report.created_at,
        "updated_at": report.updated_at,
        "filed_by": person_ref(report.filed_by, viewer=viewer),
        "filed_at": report.filed_at,
        "review": None if report.is_draft else {
            "state": report.review_state, "note": report.review_note, "reviewed_at": report.reviewed_at,
            "reviewed_by": person_ref(report.reviewed_by, viewer=viewer), "resubmit_by": report.resubmit_by,
        },
        "tests": [{"performed_on": t.performed_on, "tools": t.tools, "systems": t.systems} for t in report.tests.all()],
        "findings": [
            {"category": f.category, "category_name": taxonomy.name(f.category) if f.category else "",
             "severity": f.severity, "description": f.description, "anticipated_risk": f.anticipated_risk,
             "defence": f.defence, "status": f.status}
            for f in report.findings.all()
        ],
    }


def _taxonomy(version: str):
    try:
        return load_taxonomy(version)
    except LookupError:
        return load_taxonomy()


# --- documentation of the input and output (drf-spectacular) ------------------------------------------
class PerformedTestSerializer(serializers.Serializer):
    performed_on = serializers.DateField(help_text="When the test ran; not in the future.")
    tools = serializers.CharField(help_text="AI models and tools used.")
    systems = serializers.CharField(help_text="Systems tested.")


class FindingInputSerializer(serializers.Serializer):
    category = serializers.CharField(help_text="A code of /api/v1/catalogue/threats/.")
    severity = serializers.ChoiceField(choices=Severity.choices)
    description = serializers.CharField()
    anticipated_risk = serializers.CharField(required=False, help_text="Anticipated risk if used in an attack.")
    defence = serializers.CharField(required=False, help_text="Defence measure.")
    status = serializers.ChoiceField(choices=FindingStatus.choices, required=False, default=FindingStatus.OPEN)


class ReportContentSerializer(serializers.Serializer):
    tests = PerformedTestSerializer(many=True)
    findings = FindingInputSerializer(many=True)
    draft = serializers.BooleanField(required=False, default=False,
                                     help_text="Save without filing (company staff may only save drafts).")


class ReportInputSerializer(ReportContentSerializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices)


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    letter = serializers.CharField()
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["draft", "filed"])
    supersedes = serializers.IntegerField(allow_null=True)
    superseded_by = serializers.IntegerField(allow_null=True)
    filed_at = serializers.DateTimeField(allow_null=True)
    tests = PerformedTestSerializer(many=True)
    findings = FindingInputSerializer(many=True)


class ReviewInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, help_text="Required when asking for more.")
    resubmit_by = serializers.DateField(required=False, help_text="When asking for more: the new version's due "
                                                                 "date (default: 30 days from today).")


class ThreatSerializer(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.CharField()
    name = serializers.CharField()
    name_ko = serializers.CharField()
    name_en = serializers.CharField()
    description_ko = serializers.CharField()
    description_en = serializers.CharField()
