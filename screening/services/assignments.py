"""Assignments of experts and their conflicts of interest.

- ``assignment_create``: the office assigns a reviewer or advisor (a confirmed assignment).
- ``panel_confirm``: the office confirms the portal's proposal for an application (or a whole phase).
- ``assignment_remove``: the office takes an expert off an application.
- ``conflict_declare``: an expert declares a conflict with a company; it removes their assignments to
  that company's applications at once.
- ``no_conflict_state``: the expert's statement, per assignment, that they have no conflict.

Each is atomic and audited; the application row is locked while its panel changes, so two office users
cannot both fill the same seat.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from portal.accounts.models import Company, User
from portal.audit.services import audit_record
from portal.errors import Conflict, InvalidInput, NotAllowed, NotFound
from screening import rules
from screening.enums import ASSIGNABLE_STATES, NATURE_MAX, AssignmentKind, StatementChannel
from screening.mail import send_assignment_notice
from screening.models import Application, Assignment, ConflictOfInterest, Phase
from screening.panel import active_assignment, is_conflicted
from screening.selectors.review import open_loads, proposed_panel
from screening.services.core import check_visible, lock_application, state_label
from screening.services.phases import default_due_on


def _notify_assigned(assignment_id: int) -> None:

    send_assignment_notice(assignment_id)


def _check_assignable_state(application: Application) -> None:
    if application.state not in ASSIGNABLE_STATES:
        raise Conflict(
            _("Experts can be assigned from the moment an application is eligible until it is screened; "
              "this one is %(state)s.") % {"state": state_label(application.state)},
            code="not_allowed_in_state", extra={"state": application.state},
        )


def _expert(user) -> User:
    if user is None or user == "":
        raise InvalidInput({"user": [_("Choose the reviewer or advisor to assign.")]})
    if not isinstance(user, User):
        try:
            user = User.objects.get(pk=int(user))
        except (TypeError, ValueError, User.DoesNotExist):
            raise InvalidInput({"user": [_("There is no user with this id.")]}) from None
    if not rules.may_be_assigned(user):
        raise InvalidInput({"user": [
            _("%(name)s is not an active reviewer or advisor; only reviewers and advisors can be assigned.")
            % {"name": user.get_username()}
        ]})
    return user


def _due_on(value, application: Application) -> dt.date:
    if value in (None, ""):
        return default_due_on(application)
    date = value if isinstance(value, dt.date) else parse_date(str(value)) if isinstance(value, str) else None
    if date is None:
        raise InvalidInput({"due_on": [_("Give the due date as YYYY-MM-DD.")]})
    if date < timezone.localdate():
        raise InvalidInput({"due_on": [_("The due date cannot be in the past.")]})
    return date


def _assign_locked(*, application: Application, expert: User, actor, due_on) -> Assignment:
    """Assign ``expert`` to the locked ``application``; the caller holds the row lock."""
    _check_assignable_state(application)
    if is_conflicted(expert, application.company_id):
        raise InvalidInput({"user": [
            _("%(name)s declared a conflict of interest with %(company)s and cannot be assigned to its application.")
            % {"name": expert.get_username(), "company": application.company.display_name}
        ]})
    if Assignment.objects.active().filter(application=application, expert=expert).exists():
        raise Conflict(_("%(name)s is already assigned to this application.") % {"name": expert.get_username()},
                       code="already_assigned")
    assignment = Assignment(
        application=application, expert=expert, kind=AssignmentKind(expert.role), due_on=_due_on(due_on, application),
        assigned_by=actor, assigned_at=timezone.now(),
    )
    assignment.full_clean()
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        raise Conflict(_("%(name)s is already assigned to this application.") % {"name": expert.get_username()},
                       code="already_assigned") from None
    audit_record(actor=actor, action="assignment.create", obj=assignment,
                 after={"application": application.pk, "expert": expert.pk, "kind": assignment.kind,
                        "due_on": assignment.due_on.isoformat()})
    assignment_id = assignment.pk
    transaction.on_commit(lambda: _notify_assigned(assignment_id))
    return assignment


def assignment_create(*, application: Application, actor, user, due_on=None) -> Assignment:
    """The program office assigns a reviewer or advisor (a User or its id), optionally with a due date
    (else the end of the phase, or three weeks from today). Refused: a non-expert or an expert with a
    declared conflict (400, keyed ``user``), an expert already assigned or an application outside
    eligible..supplement_requested (409)."""
    if not rules.can_manage_assignments(actor):
        raise NotAllowed(_("Only the program office assigns reviewers and advisors."))
    with transaction.atomic():
        locked = lock_application(application.pk)
        check_visible(actor, locked)
        _check_assignable_state(locked)
        expert = _expert(user)
        return _assign_locked(application=locked, expert=expert, actor=actor, due_on=due_on)


def panel_confirm(*, application: Application, actor, experts: list | None = None, due_on=None) -> list[Assignment]:
    """Assign the experts the office confirmed (by default, the portal's current proposal) in one
    transaction: all of them or none."""

    if not rules.can_manage_assignments(actor):
        raise NotAllowed(_("Only the program office assigns reviewers and advisors."))
    with transaction.atomic():
        locked = lock_application(application.pk)
        check_visible(actor, locked)
        _check_assignable_state(locked)
        chosen = [_expert(u) for u in experts] if experts is not None else proposed_panel(locked)
        return [_assign_locked(application=locked, expert=e, actor=actor, due_on=due_on) for e in chosen]


def phase_panels_confirm(*, phase: Phase, actor) -> dict[int, list[int]]:
    """Confirm the proposed panel of every application in ``phase`` still being screened, balancing
    the load across all of them. Each application is its own transaction. Returns application id ->
    new assignment ids."""

    if not rules.can_manage_assignments(actor):
        raise NotAllowed(_("Only the program office assigns reviewers and advisors."))
    loads = open_loads()
    result = {}
    applications = Application.objects.filter(phase=phase, state__in=ASSIGNABLE_STATES).select_related("phase")
    for application in applications.order_by("submitted_at", "id"):
        proposal = proposed_panel(application, loads=loads)
        if proposal:
            made = panel_confirm(application=application, actor=actor, experts=proposal)
            result[application.pk] = [a.pk for a in made]
    return result


def assignment_remove(*, assignment: Assignment, actor, reason: str = "") -> Assignment:
    """The program office takes an expert off an application (until it is screened). The row stays,
    marked removed; what the expert recorded no longer counts. Audited."""
    if not rules.can_manage_assignments(actor):
        raise NotAllowed(_("Only the program office removes assignments."))
    with transaction.atomic():
        locked_app = lock_application(assignment.application_id)
        check_visible(actor, locked_app)
        _check_assignable_state(locked_app)
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if locked.removed_at is not None:
            return locked
        _remove(locked, actor=actor, reason=(reason or "").strip()[:2000], action="assignment.remove")
    return locked


def _remove(assignment: Assignment, *, actor, reason: str, action: str) -> None:
    assignment.removed_at = timezone.now()
    assignment.removed_by = actor
    assignment.removal_reason = reason
    assignment.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    audit_record(actor=actor, action=action, obj=assignment, before={"active": True},
                 after={"active": False, "application": assignment.application_id, "expert": assignment.expert_id},
                 reason=reason)


# --- conflicts of interest ---------------------------------------------------------------------------------


def _company(value) -> Company:
    if value is None or value == "":
        raise InvalidInput({"company": [_("Choose the company you have a conflict of interest with.")]})
    if isinstance(value, Company):
        return value
    try:
        return Company.objects.get(pk=int(value))
    except (TypeError, ValueError, Company.DoesNotExist):
        raise InvalidInput({"company": [_("There is no company with this id.")]}) from None


def _since(value) -> dt.date | None:
    if value in (None, ""):
        return None
    date = value if isinstance(value, dt.date) else parse_date(str(value)) if isinstance(value, str) else None
    if date is None:
        raise InvalidInput({"since": [_("Give the date as YYYY-MM-DD.")]})
    if date > timezone.localdate():
        raise InvalidInput({"since": [_("The date cannot be in the future.")]})
    return date


def conflict_declare(*, actor, company, nature: str, since=None) -> ConflictOfInterest:
    """A reviewer or advisor declares a conflict of interest with a company. From then on they are
    never assigned to, nor shown, that company's applications; their active assignments to them are
    removed now (each audited). Declaring the same company twice is a 409."""
    if not rules.can_declare_conflict(actor):
        raise NotAllowed(_("Only reviewers and advisors declare conflicts of interest."))
    company = _company(company)
    nature = (nature or "").strip()
    if not nature:
        raise InvalidInput({"nature": [_("Describe the nature of the conflict of interest.")]})
    if len(nature) > NATURE_MAX:
        raise InvalidInput({"nature": [_("At most %(max)d characters.") % {"max": NATURE_MAX}]})
    since = _since(since)
    with transaction.atomic():
        if ConflictOfInterest.objects.filter(expert=actor, company=company).exists():
            raise Conflict(_("You have already declared a conflict of interest with %(company)s.")
                           % {"company": company.display_name}, code="already_declared")
        conflict = ConflictOfInterest(expert=actor, company=company, nature=nature, since=since)
        conflict.full_clean()
        try:
            with transaction.atomic():
                conflict.save()
        except IntegrityError:
            raise Conflict(_("You have already declared a conflict of interest with %(company)s.")
                           % {"company": company.display_name}, code="already_declared") from None
        audit_record(actor=actor, action="conflict.declare", obj=conflict,
                     after={"company": company.pk, "nature": nature, "since": since.isoformat() if since else None})
        affected = (Assignment.objects.active().select_for_update()
                    .filter(expert=actor, application__company=company).order_by("id"))
        for assignment in affected:
            _remove(assignment, actor=actor, reason=_("Conflict of interest declared"),
                    action="assignment.remove_conflict")
    return conflict


def no_conflict_state(*, application: Application, actor, channel: str = StatementChannel.WEB) -> Assignment:
    """The expert states that they have no conflict of interest with the application's company, once
    per assignment (web: the first time they open it; API: implied by their first submission).
    Stating it again changes nothing. Audited."""
    assignment = active_assignment(application, actor)
    if assignment is None:
        raise NotFound(_("This application does not exist or is not assigned to you."))
    if assignment.no_conflict_stated_at is not None:
        return assignment
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if locked.no_conflict_stated_at is not None:
            return locked
        locked.no_conflict_stated_at = timezone.now()
        locked.no_conflict_channel = StatementChannel(channel)
        locked.save(update_fields=["no_conflict_stated_at", "no_conflict_channel"])
        audit_record(actor=actor, action="assignment.no_conflict_statement", obj=locked,
                     after={"application": locked.application_id, "company": application.company_id,
                            "channel": locked.no_conflict_channel})
    return locked
