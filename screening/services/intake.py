"""The company's side: create, edit (draft and supplement_requested only), submit, respond, withdraw."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eligibility.ruleset import Facts, evaluate_company
from portal.audit.services import audit_record
from portal.errors import Conflict, InvalidInput, NotAllowed
from screening import rules
from screening.enums import ApplicationState
from screening.models import Application
from screening.models.application import eligibility_passed
from screening.services.core import (
    check_conditions,
    check_fresh,
    check_state,
    check_visible,
    fire,
    lock_application,
    lock_company,
    run_transition,
    state_label,
    validation_fields,
)

# The fields the company writes (API names = model names). ``attestation`` is the CISO's alone.
CONTENT_FIELDS = (
    "scope_ai_vulnerability_assessment", "scope_saas_security", "ai_models", "saas_products",
    "systems_in_scope", "compensating_controls", "compensating_controls_other", "self_assessment",
    "preferred_phase",
)


def _value_of(application: Application, field: str):
    if field == "preferred_phase":
        return application.preferred_phase_id
    return getattr(application, field)


def _apply(application: Application, *, actor, data: dict) -> dict:
    """Set the given fields; return {field: (before, after)} of what changed.

    Changing the content withdraws an earlier attestation (it attested other content), unless the
    CISO attests again in the same write.
    """
    if "attestation" in data and not rules.can_attest(actor, application):
        raise NotAllowed(_("Only the company's CISO may set the attestation."), code="attestation_ciso_only")
    changed: dict = {}
    for field in CONTENT_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "preferred_phase":
            value = getattr(value, "pk", value)
            before = application.preferred_phase_id
            application.preferred_phase_id = value
        else:
            before = getattr(application, field)
            setattr(application, field, value)
        if before != value:
            changed[field] = (before, value)
    attest = data.get("attestation")
    if attest is not None and bool(attest) != application.attestation:
        changed["attestation"] = (application.attestation, bool(attest))
    if attest:
        application.attestation = True
        application.attested_at = timezone.now()
        application.attested_by = actor
    elif attest is False or (changed and application.attestation and "attestation" not in data):
        if application.attestation:
            changed["attestation"] = (True, False)
        application.attestation = False
        application.attested_at = None
        application.attested_by = None
    return changed


def _clean(application: Application) -> None:
    try:
        application.full_clean()
    except ValidationError as error:
        raise InvalidInput(validation_fields(error)) from None


def _audit_changes(changed: dict) -> tuple[dict, dict]:
    return {k: v[0] for k, v in changed.items()}, {k: v[1] for k, v in changed.items()}


def _check_draft_limit(company_id: int) -> None:
    """At most ``settings.COMPANY_OPEN_DRAFTS_MAX`` drafts per company; the caller holds the company's lock."""
    limit = settings.COMPANY_OPEN_DRAFTS_MAX
    drafts = Application.objects.filter(company_id=company_id, state=ApplicationState.DRAFT).count()
    if drafts >= limit:
        raise Conflict(
            _("Your company already has %(count)d draft applications, the most it may have open at once "
              "(%(limit)d). Submit or withdraw a draft before starting another.") % {"count": drafts, "limit": limit},
            code="draft_limit", extra={"limit": limit},
        )


def application_create(*, actor, data: dict | None = None) -> Application:
    """Start an application for the actor's own company (CISO or company staff only). Atomic, audited.
    Refused (409 ``draft_limit``) when the company has its most open drafts; the company's row lock
    makes two starts at once count each other."""
    if not rules.can_create_application(actor):
        raise NotAllowed(_("Only a company's CISO or staff may start an application, for their own company."))
    with transaction.atomic():
        lock_company(actor.company_id)
        _check_draft_limit(actor.company_id)
        application = Application(company_id=actor.company_id, created_by=actor)
        changed = _apply(application, actor=actor, data=data or {})
        _clean(application)
        application.save()
        _before, after = _audit_changes(changed)
        audit_record(actor=actor, action="application.create", obj=application,
                     after={"company": application.company_id, "state": application.state, **after})
    return application


def application_update(*, application: Application, actor, data: dict, expected_version: int | None = None,
                       ) -> Application:
    """Change what the company filed. Only in ``draft`` and ``supplement_requested`` (else 409), only by
    the company's CISO or staff (else 403; 404 for anyone who may not see it). Atomic, audited; the
    version grows by one, and an ``expected_version`` that is no longer current is a 409."""
    with transaction.atomic():
        locked = lock_application(application.pk)
        check_visible(actor, locked)
        if not rules.can_edit_application(actor, locked):
            raise NotAllowed(_("Only the company's CISO and staff may edit this application."))
        if "attestation" in data and not rules.can_attest(actor, locked):
            raise NotAllowed(_("Only the company's CISO may set the attestation."), code="attestation_ciso_only")
        check_fresh(locked, expected_version)
        if not locked.is_editable:
            raise Conflict(
                _("The application can be edited only as a draft or when a supplement is requested; it is now %(state)s.")
                % {"state": state_label(locked.state)},
                code="not_editable", extra={"state": locked.state},
            )
        changed = _apply(locked, actor=actor, data=data)
        if not changed:
            return locked
        locked.version += 1
        _clean(locked)
        locked.save()
        before, after = _audit_changes(changed)
        audit_record(actor=actor, action="application.update", obj=locked, before=before, after=after)
    return locked


def eligibility_snapshot(company) -> dict:
    """The explained result, the ruleset version and the inputs used, as stored with the application."""
    result = evaluate_company(company)
    snapshot = result.snapshot(Facts.of_company(company))
    snapshot["checked_at"] = timezone.now().isoformat()
    return snapshot


def application_submit(*, application: Application, actor, reason: str = "",
                       expected_version: int | None = None) -> Application:
    """The CISO submits a complete, attested draft. The eligibility check runs at once: when this
    returns the application is ``eligible`` or ``ineligible``, with the explained snapshot stored and
    both changes in the history (the automatic one by the portal, actor null). One transaction."""
    with transaction.atomic():
        submitted = run_transition(
            application=application, name="submit", actor=actor, reason=reason, expected_version=expected_version,
            prepare=lambda locked: {"at": timezone.now(), "eligibility_snapshot": eligibility_snapshot(locked.company)},
            audit_after=lambda a: {"eligible": a.eligibility_snapshot["eligible"],
                                   "ruleset": a.eligibility_snapshot["ruleset"]},
            notify=False,  # the company hears the outcome of the check, a moment later
        )
        step = "mark_eligible" if eligibility_passed(submitted) else "mark_ineligible"
        check_state(submitted, step)
        check_conditions(submitted, step)
        failed = [c["code"] for c in submitted.eligibility_snapshot["criteria"] if not c["passed"]]
        fire(submitted, name=step, actor=None, audit_after=lambda a: {"failed": failed})
    return submitted


def application_respond(*, application: Application, actor, reason: str = "",
                        expected_version: int | None = None) -> Application:
    """The CISO answers a supplement request (after editing the requested sections) and resubmits."""
    return run_transition(application=application, name="respond", actor=actor, reason=reason,
                          expected_version=expected_version, prepare=lambda _a: {"at": timezone.now()})


def application_withdraw(*, application: Application, actor, reason: str = "",
                         expected_version: int | None = None) -> Application:
    """The CISO withdraws the application, any time before a decision."""
    return run_transition(application=application, name="withdraw", actor=actor, reason=reason,
                          expected_version=expected_version, prepare=lambda _a: {"at": timezone.now()})


__all__ = [
    "CONTENT_FIELDS", "application_create", "application_respond", "application_submit",
    "application_update", "application_withdraw", "eligibility_snapshot",
]
