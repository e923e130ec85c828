"""What experts record and what follows: score sheets (reviewers), assessments (advisors), ``complete``,
and the office's approval with the advisors' proposed conditions.

A score sheet or assessment may be saved as a draft any number of times and is submitted once; after
that it never changes. Both are recorded only while the application is under review, only by an expert
actively assigned to it, and each save is atomic and audited. An expert's first submission through the
API also records their statement that they have no conflict of interest (audited).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import audit_record
from portal.errors import Conflict, InvalidInput, NotAllowed, NotFound
from screening import rules
from screening.catalogues.rubric import Rubric, rubric_of
from screening.domain.scoring import rounded, summarise
from screening.enums import (
    COMMENT_MAX,
    CONDITIONS_MAX,
    NARRATIVE_MAX,
    SCORING_STATES,
    AssignmentKind,
    Recommendation,
    StatementChannel,
)
from screening.models import Application, Assessment, Assignment, ScoreSheet
from screening.panel import active_assignment
from screening.selectors.review import submitted_score_sheets
from screening.services.core import check_visible, lock_application, run_transition, state_label


def _assignment_for(application: Application, actor, kind: str) -> Assignment:
    """The actor's active assignment of ``kind``, locked. 404 for whoever may not see the application
    (unassigned or conflicted experts among them), 403 for the wrong role."""
    check_visible(actor, application)
    assignment = active_assignment(application, actor)
    if assignment is None:
        if rules.is_expert(actor):
            raise NotFound(_("This application does not exist or is not assigned to you."))
        if kind == AssignmentKind.REVIEWER:
            raise NotAllowed(_("Only the reviewers assigned to this application record scores."))
        raise NotAllowed(_("Only the advisors assigned to this application record assessments."))
    if assignment.kind != kind:
        if kind == AssignmentKind.REVIEWER:
            raise NotAllowed(_("You are assigned as an advisor: record an assessment; only reviewers score."))
        raise NotAllowed(_("You are assigned as a reviewer: record scores; only advisors record assessments."))
    return Assignment.objects.select_for_update().get(pk=assignment.pk)


def _check_scoring_state(application: Application, what: str) -> None:
    if application.state not in SCORING_STATES:
        raise Conflict(
            _("%(what)s can be recorded only while the application is under review; it is now %(state)s.")
            % {"what": what, "state": state_label(application.state)},
            code="not_allowed_in_state", extra={"state": application.state},
        )


def _imply_statement(assignment: Assignment, actor, channel: str) -> None:
    if assignment.no_conflict_stated_at is None:
        assignment.no_conflict_stated_at = timezone.now()
        assignment.no_conflict_channel = channel
        assignment.save(update_fields=["no_conflict_stated_at", "no_conflict_channel"])
        audit_record(actor=actor, action="assignment.no_conflict_statement", obj=assignment,
                     after={"application": assignment.application_id, "channel": channel, "implied": True})


def _text(value, field: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput({field: [_("Give text.")]})
    text = value.strip()
    if len(text) > limit:
        raise InvalidInput({field: [_("At most %(max)d characters (this has %(n)d).") % {"max": limit, "n": len(text)}]})
    return text


def clean_scores(rubric: Rubric, scores, *, complete: bool) -> dict[str, int]:
    """``{criterion code: whole number from the rubric's scale}``; every criterion when ``complete``.
    Raises InvalidInput keyed ``scores`` naming each problem."""
    if not isinstance(scores, dict):
        raise InvalidInput({"scores": [_("Give the scores as an object: criterion code -> score.")]})
    problems = []
    cleaned = {}
    for code, value in scores.items():
        if rubric.get(str(code)) is None:
            problems.append(_("%(code)s is not a criterion of rubric %(version)s.")
                            % {"code": str(code)[:40], "version": rubric.version})
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not rubric.score_min <= value <= rubric.score_max:
            problems.append(_("%(code)s: the score must be a whole number from %(min)d to %(max)d.")
                            % {"code": rubric.title_of(code), "min": rubric.score_min, "max": rubric.score_max})
            continue
        cleaned[code] = value
    if complete and not problems:
        missing = [c for c in rubric.codes() if c not in cleaned]
        if missing:
            problems.append(_("Score every criterion before submitting; missing: %(codes)s.")
                            % {"codes": ", ".join(rubric.title_of(code) for code in missing)})
    if problems:
        raise InvalidInput({"scores": problems})
    return cleaned


def _clean_comments(rubric: Rubric, comments) -> dict[str, str]:
    if comments in (None, ""):
        return {}
    if not isinstance(comments, dict):
        raise InvalidInput({"comments": [_("Give the comments as an object: criterion code -> text.")]})
    cleaned = {}
    for code, text in comments.items():
        if rubric.get(str(code)) is None:
            raise InvalidInput({"comments": [_("%(code)s is not a criterion of rubric %(version)s.")
                                             % {"code": str(code)[:40], "version": rubric.version}]})
        cleaned[code] = _text(text, "comments", COMMENT_MAX)
    return {k: v for k, v in cleaned.items() if v}


def score_sheet_save(*, application: Application, actor, scores, comment: str = "", comments=None,
                     draft: bool = False, channel: str = StatementChannel.API) -> tuple[ScoreSheet, bool]:
    """An assigned reviewer saves a draft (any subset of criteria) or submits (every criterion, once).
    Returns the sheet and whether a new sheet was created. Refused: scores outside the scale or unknown
    criteria (400), another role (403), an unassigned reviewer (404), a second submission or an
    application not under review (409). Nothing changes when refused."""
    with transaction.atomic():
        locked = lock_application(application.pk)
        assignment = _assignment_for(locked, actor, AssignmentKind.REVIEWER)
        _check_scoring_state(locked, _("Scores"))
        sheet = ScoreSheet.objects.select_for_update().filter(assignment=assignment).first()
        if sheet is not None and sheet.is_submitted:
            raise Conflict(_("You have already submitted your scores for this application; a submitted score "
                             "sheet cannot be changed."), code="already_submitted")
        rubric = rubric_of(locked)
        cleaned = clean_scores(rubric, scores, complete=not draft)
        comment = _text(comment, "comment", COMMENT_MAX)
        per_criterion = _clean_comments(rubric, comments)
        created = sheet is None
        if created:
            sheet = ScoreSheet(assignment=assignment, rubric_version=rubric.version)
        sheet.scores = cleaned
        sheet.comment = comment
        sheet.comments = per_criterion
        if not draft:
            sheet.submitted_at = timezone.now()
        sheet.full_clean()
        sheet.save()
        if not draft:
            _imply_statement(assignment, actor, channel)
        audit_record(actor=actor, action="score_sheet.submit" if not draft else "score_sheet.draft", obj=sheet,
                     after={"application": locked.pk, "rubric_version": sheet.rubric_version, "scores": cleaned,
                            "submitted": not draft})
    return sheet, created


def assessment_save(*, application: Application, actor, recommendation: str = "", narrative: str = "",
                    conditions: str = "", draft: bool = False,
                    channel: str = StatementChannel.API) -> tuple[Assessment, bool]:
    """An assigned advisor saves a draft or submits (once) a recommendation, a narrative and proposed
    conditions. Submitting needs a recommendation and a narrative, and conditions when recommending
    with conditions. Refusals as for score sheets."""
    with transaction.atomic():
        locked = lock_application(application.pk)
        assignment = _assignment_for(locked, actor, AssignmentKind.ADVISOR)
        _check_scoring_state(locked, _("Assessments"))
        assessment = Assessment.objects.select_for_update().filter(assignment=assignment).first()
        if assessment is not None and assessment.is_submitted:
            raise Conflict(_("You have already submitted your assessment of this application; a submitted "
                             "assessment cannot be changed."), code="already_submitted")
        recommendation = (recommendation or "").strip() if isinstance(recommendation, str | type(None)) else None
        errors = {}
        if recommendation and recommendation not in Recommendation.values:
            errors["recommendation"] = [_("Choose one of: %(choices)s.") % {"choices": ", ".join(Recommendation.values)}]
        if recommendation is None:
            errors["recommendation"] = [_("Choose one of: %(choices)s.") % {"choices": ", ".join(Recommendation.values)}]
        narrative = _text(narrative, "narrative", NARRATIVE_MAX)
        conditions = _text(conditions, "conditions", CONDITIONS_MAX)
        if not draft and not errors:
            if not recommendation:
                errors["recommendation"] = [_("Choose a recommendation before submitting.")]
            if not narrative:
                errors["narrative"] = [_("Write the narrative of your assessment before submitting.")]
            if recommendation == Recommendation.RECOMMEND_WITH_CONDITIONS and not conditions:
                errors["conditions"] = [_("Name the conditions you propose when recommending with conditions.")]
        if errors:
            raise InvalidInput(errors)
        created = assessment is None
        if created:
            assessment = Assessment(assignment=assignment)
        assessment.recommendation = recommendation
        assessment.narrative = narrative
        assessment.conditions = conditions
        if not draft:
            assessment.submitted_at = timezone.now()
        assessment.full_clean()
        assessment.save()
        if not draft:
            _imply_statement(assignment, actor, channel)
        audit_record(actor=actor, action="assessment.submit" if not draft else "assessment.draft", obj=assessment,
                     after={"application": locked.pk, "recommendation": recommendation, "submitted": not draft})
    return assessment, created


def application_complete(*, application: Application, actor, reason: str = "",
                         expected_version: int | None = None) -> Application:
    """The program office closes the review once every assigned reviewer has submitted scores and
    every assigned advisor an assessment (at least one reviewer); else 409 naming who is missing."""
    return run_transition(application=application, name="complete", actor=actor, reason=reason,
                          expected_version=expected_version, prepare=lambda _a: {"at": timezone.now()},
                          audit_after=_review_outcome)


def _review_outcome(application: Application) -> dict:

    rubric = rubric_of(application)
    summary = summarise(rubric, [s.scores for s in submitted_score_sheets(application)])
    return {"total": rounded(summary.total), "passed": summary.passed, "flagged": list(summary.flagged)}
