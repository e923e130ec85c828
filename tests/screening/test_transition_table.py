"""Every (state, transition, role) combination through the API, against a table written out here
independently of the code: 404 when the role cannot see the application, 403 when the role may not
fire the transition, 409 (naming the current state) when the state does not allow it, else 200."""

import pytest

from portal.accounts.models import User
from portal.errors import PortalError
from screening.enums import WITHDRAWABLE_STATES, ApplicationState
from screening.services import fire_transition
from tests.factories import ApplicationFactory, CompanyFactory, PhaseFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN = {"program_admin", "superuser"}
ROLES = ("ciso", "company_staff", "reviewer", "advisor", "program_admin", "auditor", "superuser", "other_ciso")
# Reviewers and advisors see only what is assigned to them; nothing is assigned here.
CANNOT_SEE = {"reviewer", "advisor", "other_ciso"}

TABLE = {
    "submit": ({"draft"}, {"ciso"}),
    "override": ({"ineligible"}, ADMIN),
    "schedule": ({"eligible"}, ADMIN),
    "start_review": ({"scheduled"}, ADMIN),
    "request_supplement": ({"under_review"}, ADMIN),
    "respond": ({"supplement_requested"}, {"ciso"}),
    "complete": ({"under_review"}, ADMIN),
    "approve": ({"screened"}, ADMIN),
    "reject": ({"screened"}, ADMIN),
    "revoke": ({"granted"}, ADMIN),
    "withdraw": ({str(s) for s in WITHDRAWABLE_STATES}, {"ciso"}),
}
TARGET = {
    "submit": "eligible",  # the eligibility check runs at once
    "override": "eligible", "schedule": "scheduled", "start_review": "under_review",
    "request_supplement": "supplement_requested", "respond": "under_review", "approve": "approved",
    "reject": "rejected", "revoke": "revoked", "withdraw": "withdrawn",
}
# Conditions that belong to the review part (issue 4): no assignments exist, so `complete` waits.
CONDITION_NOT_MET = {"complete"}


def expected(state: str, name: str, role: str) -> int:
    sources, roles = TABLE[name]
    if role in CANNOT_SEE:
        return 404
    if role not in roles:
        return 403
    if state not in sources:
        return 409
    if name in CONDITION_NOT_MET:
        return 409
    return 200


def _users(application) -> dict:
    return {
        "ciso": UserFactory(ciso=True, company=application.company),
        "company_staff": UserFactory(staff=True, company=application.company),
        "reviewer": UserFactory(reviewer=True),
        "advisor": UserFactory(advisor=True),
        "program_admin": UserFactory(program_admin=True),
        "auditor": UserFactory(auditor=True),
        "superuser": User.objects.create_superuser("root", "root@example.test", "Root-Password-123"),
        "other_ciso": UserFactory(ciso=True, company=CompanyFactory()),
    }


def _body(name: str) -> dict:
    body = {"reason": "사유를 적습니다."}
    if name == "schedule":
        body["phase"] = PhaseFactory(number=1).pk
    if name == "approve":
        body["conditions"] = "분기별 점검 결과 보고"
    return body


def _fire(application, name: str, user) -> tuple[int, dict]:
    """Fire through the same registry the API and the pages use; return (HTTP status, body)."""
    try:
        fired = fire_transition(application=application, name=name, actor=user, data=_body(name))
    except PortalError as error:
        return error.status_code, {"detail": error.message, "code": error.code, **error.extra}
    return 200, {"state": fired.state}


@pytest.mark.parametrize("state", [s.value for s in ApplicationState])
def test_every_state_transition_role(state):
    """14 states x 11 transitions x 8 roles, through the services' registry."""
    seen = ApplicationFactory.in_state(state, attested=True)
    users = _users(seen)
    for name in TABLE:
        for role in ROLES:
            want = expected(state, name, role)
            application = seen if want != 200 else ApplicationFactory.in_state(state, attested=True,
                                                                                company=seen.company)
            status, body = _fire(application, name, users[role])
            assert status == want, (state, name, role, body)
            if want == 409 and name not in CONDITION_NOT_MET:
                assert body["state"] == state
                assert str(ApplicationState(state).label) in body["detail"]
            if want == 200:
                assert body["state"] == TARGET[name]
                assert application.state_changes.order_by("id").first().transition == name
    seen.refresh_from_db()
    assert seen.state == state
    assert not seen.state_changes.exists()


@pytest.mark.parametrize("name", list(TABLE))
def test_every_role_through_the_api_from_the_source_state(api, name):
    """The same table through HTTP, for each transition from (one of) its source state(s)."""
    state = sorted(TABLE[name][0])[0]
    seen = ApplicationFactory.in_state(state, attested=True)
    users = _users(seen)
    for role in ROLES:
        want = expected(state, name, role)
        application = seen if want != 200 else ApplicationFactory.in_state(state, attested=True,
                                                                            company=seen.company)
        response = api.as_user(users[role]).post(
            f"/api/v1/applications/{application.pk}/transitions/{name}/", _body(name), format="json"
        )
        assert response.status_code == want, (state, name, role, response.content)
        if want == 200:
            assert response.json()["state"] == TARGET[name]
    seen.refresh_from_db()
    assert seen.state == state


@pytest.mark.parametrize("state", [s.value for s in ApplicationState if s != "submitted"])
def test_transition_list_matches_the_table(api, state):
    application = ApplicationFactory.in_state(state, attested=True)
    users = _users(application)
    for role in ROLES:
        response = api.as_user(users[role]).get(f"/api/v1/applications/{application.pk}/transitions/")
        if role in CANNOT_SEE:
            assert response.status_code == 404
            continue
        names = [t["name"] for t in response.json()]
        assert names == [n for n in TABLE if expected(state, n, role) == 200], (state, role)


@pytest.mark.parametrize("name", ["mark_eligible", "mark_ineligible", "grant", "expire"])
def test_system_transitions_cannot_be_fired_by_anyone(api, program_admin, name):
    application = ApplicationFactory(approved=True)
    response = api.as_user(program_admin).post(f"/api/v1/applications/{application.pk}/transitions/{name}/", {})
    assert response.status_code == 403
    assert response.json()["code"] == "system_only"


def test_unknown_transition_is_404(api, program_admin):
    application = ApplicationFactory()
    response = api.as_user(program_admin).post(f"/api/v1/applications/{application.pk}/transitions/launch/", {})
    assert response.status_code == 404
