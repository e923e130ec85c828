"""Two people fire transitions on one application at the same moment, with real threads against
PostgreSQL: exactly one wins, the other gets 409 "changed by someone else" and nothing is half-applied."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from portal.audit.models import AuditEntry
from portal.errors import Conflict
from screening.models import Application, StateChange
from screening.services import application_update, fire_transition
from tests.factories import ApplicationFactory, PhaseFactory, UserFactory
from tests.races import race

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", range(3))
def test_withdraw_and_schedule_at_once_one_wins(attempt):
    application = ApplicationFactory(eligible=True)
    ciso = UserFactory(ciso=True, company=application.company)
    admin = UserFactory(program_admin=True)
    phase = PhaseFactory()
    # Both read the application (version 1) before either writes, as two browsers would.
    seen_by_ciso = Application.objects.get(pk=application.pk)
    seen_by_admin = Application.objects.get(pk=application.pk)
    audit_before = AuditEntry.objects.count()

    results = race(
        lambda: fire_transition(application=seen_by_ciso, name="withdraw", actor=ciso, data={}),
        lambda: fire_transition(application=seen_by_admin, name="schedule", actor=admin, data={"phase": phase.pk}),
    )

    winners = [r for r in results if isinstance(r, Application)]
    losers = [r for r in results if isinstance(r, Conflict)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert losers[0].status_code == 409
    assert losers[0].code == "stale"
    assert "changed by someone else" in losers[0].message
    application.refresh_from_db()
    assert application.state == winners[0].state
    assert application.version == 2
    # Exactly one change recorded, one audit entry; the loser left nothing behind.
    assert StateChange.objects.filter(application=application).count() == 1
    assert AuditEntry.objects.count() == audit_before + 1
    if application.state == "withdrawn":
        assert application.phase_id is None


def _token_client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_two_admins_approve_and_reject_through_the_api_one_wins():
    application = ApplicationFactory(screened=True)
    a = _token_client(UserFactory(program_admin=True))
    b = _token_client(UserFactory(program_admin=True))
    url = f"/api/v1/applications/{application.pk}/transitions/"
    responses = race(
        lambda: a.post(url + "approve/", {"reason": "충족", "version": 1}, format="json"),
        lambda: b.post(url + "reject/", {"reason": "미달", "version": 1}, format="json"),
    )
    assert sorted(r.status_code for r in responses) == [200, 409], [r.content for r in responses]
    loser = next(r for r in responses if r.status_code == 409).json()
    assert loser["code"] == "stale"
    assert loser["state"] in {"approved", "rejected"}
    application.refresh_from_db()
    assert application.state in {"approved", "rejected"}
    assert StateChange.objects.filter(application=application).count() == 1


def test_two_editors_at_once_one_wins():
    application = ApplicationFactory()
    ciso = UserFactory(ciso=True, company=application.company)
    staff = application.created_by
    results = race(
        lambda: application_update(application=application, actor=ciso, data={"self_assessment": "A"},
                                   expected_version=1),
        lambda: application_update(application=application, actor=staff, data={"self_assessment": "B"},
                                   expected_version=1),
    )
    assert sum(isinstance(r, Application) for r in results) == 1
    assert sum(isinstance(r, Conflict) and r.code == "stale" for r in results) == 1
    application.refresh_from_db()
    assert application.version == 2
    assert application.self_assessment in {"A", "B"}
