"""API shapes of the review part: phases, assignments, score sheets, assessments, conflicts, the queue and
the board. Thin: meaning is checked by the services; these only read the request and write responses."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from screening.catalogues.rubric import load_rubric
from screening.domain.scoring import rounded, sheet_total
from screening.enums import COMMENT_MAX, CONDITIONS_MAX, NARRATIVE_MAX, NATURE_MAX, Recommendation
from screening.models import Assessment, Assignment, ConflictOfInterest, Phase, ScoreSheet
from screening.panel import assignment_done
from screening.services.phases import seats_taken


def user_ref(user) -> dict | None:
    return {"id": user.pk, "username": user.get_username()} if user is not None else None


class PhaseSerializer(serializers.ModelSerializer):
    seats_taken = serializers.SerializerMethodField()

    class Meta:
        model = Phase
        fields = ["id", "number", "name", "name_en", "starts_on", "ends_on", "capacity_min", "capacity_max", "state",
                  "reviewers_per_application", "advisors_per_application", "seats_taken"]
        read_only_fields = ["id", "seats_taken"]

    def get_seats_taken(self, phase) -> int:
        seated = getattr(phase, "seated", None)
        if seated is None:

            seated = seats_taken(phase)
        return seated

    def validate(self, attrs):
        instance = self.instance
        starts = attrs.get("starts_on", getattr(instance, "starts_on", None))
        ends = attrs.get("ends_on", getattr(instance, "ends_on", None))
        if starts and ends and ends < starts:
            raise serializers.ValidationError({"ends_on": [_("The phase cannot end before it starts.")]})
        low = attrs.get("capacity_min", getattr(instance, "capacity_min", 0))
        high = attrs.get("capacity_max", getattr(instance, "capacity_max", None))
        if high is not None and low is not None and high < low:
            raise serializers.ValidationError({"capacity_max": [_("The maximum number of applications cannot be below the minimum.")]})
        return attrs


class AllocationItemSerializer(serializers.Serializer):
    application = serializers.IntegerField()
    phase = serializers.IntegerField()


class AllocationConfirmSerializer(serializers.Serializer):
    placements = AllocationItemSerializer(many=True, required=False, help_text=_(
        "The placements to confirm; leave out to confirm the portal's whole proposal."))


class MoveSerializer(serializers.Serializer):
    phase = serializers.IntegerField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5_000)


class BatchResultSerializer(serializers.Serializer):
    done = serializers.ListField(child=serializers.IntegerField())
    refused = serializers.ListField(child=serializers.DictField())


class AssignmentInputSerializer(serializers.Serializer):
    user = serializers.IntegerField(help_text=_("The reviewer's or advisor's user id."))
    due_on = serializers.DateField(required=False, allow_null=True)


class AssignmentRemoveSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2_000)


class PanelConfirmSerializer(serializers.Serializer):
    users = serializers.ListField(child=serializers.IntegerField(), required=False, help_text=_(
        "The experts to assign; leave out to confirm the portal's proposal."))
    due_on = serializers.DateField(required=False, allow_null=True)


def assignment_payload(assignment: Assignment) -> dict:
    return {
        "id": assignment.pk,
        "application": assignment.application_id,
        "user": assignment.expert_id,
        "expert": user_ref(assignment.expert),
        "kind": assignment.kind,
        "due_on": assignment.due_on,
        "overdue": assignment.is_active and not assignment_done(assignment) and assignment.due_on < timezone.localdate(),
        "done": assignment_done(assignment),
        "assigned_at": assignment.assigned_at,
        "assigned_by": user_ref(assignment.assigned_by),
        "no_conflict_stated_at": assignment.no_conflict_stated_at,
        "no_conflict_channel": assignment.no_conflict_channel or None,
        "active": assignment.is_active,
        "removed_at": assignment.removed_at,
        "removal_reason": assignment.removal_reason,
    }


class AssignmentSerializer(serializers.Serializer):
    """For the schema; responses are built by ``assignment_payload``."""

    id = serializers.IntegerField()
    application = serializers.IntegerField()
    user = serializers.IntegerField()
    expert = serializers.DictField()
    kind = serializers.ChoiceField(choices=["reviewer", "advisor"])
    due_on = serializers.DateField()
    overdue = serializers.BooleanField()
    done = serializers.BooleanField()
    assigned_at = serializers.DateTimeField()
    no_conflict_stated_at = serializers.DateTimeField(allow_null=True)
    active = serializers.BooleanField()


class ScoreInputSerializer(serializers.Serializer):
    scores = serializers.JSONField(help_text=_("Criterion code -> a whole number from 1 to 5."))
    comment = serializers.CharField(required=False, allow_blank=True, max_length=COMMENT_MAX)
    comments = serializers.JSONField(required=False, help_text=_("Optional: criterion code -> comment."))
    draft = serializers.BooleanField(required=False, default=False,
                                     help_text=_("true: save without submitting; submit later."))


def score_sheet_payload(sheet: ScoreSheet) -> dict:
    total = sheet_total(load_rubric(sheet.rubric_version), sheet.scores)
    return {
        "id": sheet.pk,
        "application": sheet.assignment.application_id,
        "reviewer": user_ref(sheet.assignment.expert),
        "rubric_version": sheet.rubric_version,
        "scores": sheet.scores,
        "comments": sheet.comments,
        "comment": sheet.comment,
        "total": rounded(total),
        "draft": not sheet.is_submitted,
        "submitted_at": sheet.submitted_at,
        "updated_at": sheet.updated_at,
    }


class ScoreSheetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    application = serializers.IntegerField()
    reviewer = serializers.DictField()
    rubric_version = serializers.CharField()
    scores = serializers.DictField(child=serializers.IntegerField())
    comment = serializers.CharField()
    total = serializers.FloatField(allow_null=True)
    draft = serializers.BooleanField()
    submitted_at = serializers.DateTimeField(allow_null=True)


class AssessmentInputSerializer(serializers.Serializer):
    recommendation = serializers.CharField(required=False, allow_blank=True, help_text=", ".join(Recommendation.values))
    narrative = serializers.CharField(required=False, allow_blank=True, max_length=NARRATIVE_MAX)
    conditions = serializers.CharField(required=False, allow_blank=True, max_length=CONDITIONS_MAX)
    draft = serializers.BooleanField(required=False, default=False)


def assessment_payload(assessment: Assessment) -> dict:
    return {
        "id": assessment.pk,
        "application": assessment.assignment.application_id,
        "advisor": user_ref(assessment.assignment.expert),
        "recommendation": assessment.recommendation or None,
        "narrative": assessment.narrative,
        "conditions": assessment.conditions,
        "draft": not assessment.is_submitted,
        "submitted_at": assessment.submitted_at,
        "updated_at": assessment.updated_at,
    }


class AssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    application = serializers.IntegerField()
    advisor = serializers.DictField()
    recommendation = serializers.CharField(allow_null=True)
    narrative = serializers.CharField()
    conditions = serializers.CharField()
    draft = serializers.BooleanField()
    submitted_at = serializers.DateTimeField(allow_null=True)


class ConflictInputSerializer(serializers.Serializer):
    company = serializers.IntegerField()
    nature = serializers.CharField(max_length=NATURE_MAX, allow_blank=True)
    since = serializers.DateField(required=False, allow_null=True)


class ConflictSerializer(serializers.ModelSerializer):
    expert = serializers.SerializerMethodField()
    company_name = serializers.CharField(source="company.name_ko", read_only=True)

    class Meta:
        model = ConflictOfInterest
        fields = ["id", "expert", "company", "company_name", "nature", "since", "declared_at"]

    def get_expert(self, conflict) -> dict | None:
        return user_ref(conflict.expert)


def queue_payload(assignment: Assignment) -> dict:
    application = assignment.application
    return {
        **assignment_payload(assignment),
        "state": application.state,
        "company": {"id": application.company_id, "name_ko": application.company.name_ko,
                    "name_en": application.company.name_en},
        "phase": application.phase.number if application.phase_id else None,
    }


def board_payload(rows) -> list[dict]:
    return [
        {
            "phase": None if row.phase is None else {
                "id": row.phase.pk, "number": row.phase.number, "name": row.phase.name, "state": row.phase.state,
                "starts_on": row.phase.starts_on, "ends_on": row.phase.ends_on,
                "capacity_min": row.phase.capacity_min, "capacity_max": row.phase.capacity_max,
                "seats_taken": row.phase.seated,
            },
            "count": row.count,
            "states": {
                column.state: [
                    {"id": a.pk, "company": a.company_id, "company_name": a.company.name_ko,
                     "submitted_at": a.submitted_at, "reviewers": a.reviewers, "advisors": a.advisors,
                     "sheets_submitted": a.sheets_submitted, "assessments_submitted": a.assessments_submitted}
                    for a in column.applications
                ]
                for column in row.columns
            },
        }
        for row in rows
    ]
