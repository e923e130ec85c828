"""The panel is not disclosed to applicants (docs/roles.md): on every path a company user reads (the
API, the pages, the mails, the errors), anyone on the regulator's side is the institution, never a
person: no name, username, id or e-mail address of a reviewer, advisor or the program office.
Regulator-side readers still see who acted."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.accounts.rules import INSTITUTION_REF, discloses, person_name, person_ref
from reports.models import FindingsReport
from reports.services.review import report_accept
from screening.services import fire_transition
from tests.factories import ApplicationFactory, PhaseFactory, UserFactory
from tests.factories.letters import LetterFactory
from tests.factories.reports import FindingsReportFactory
from tests.factories.review import AssessmentFactory, AssignmentFactory, ScoreSheetFactory, uniform_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(db):
    """The regulator's side, each with a name, a username and an address that must not reach a company."""
    return {
        "office": UserFactory(program_admin=True, username="office-kwon", first_name="권나영",
                              email="office.kwon@fsc.test"),
        "reviewer": UserFactory(reviewer=True, username="reviewer-lee", first_name="이재민",
                                email="reviewer.lee@fss.test"),
        "advisor": UserFactory(advisor=True, username="advisor-park", first_name="박지호",
                               email="advisor.park@univ.test"),
    }


def secrets_of(panel) -> list[str]:
    return [text for user in panel.values()
            for text in (user.username, user.email, user.get_full_name())]


@pytest.fixture
def world(panel, ciso, django_capture_on_commit_callbacks):
    """An application moved by the office and a reviewer, scored and assessed, with the company's mails;
    and a granted letter whose findings report the office accepted."""
    ciso.first_name = "정훈"
    ciso.save()
    office, reviewer, advisor = panel["office"], panel["reviewer"], panel["advisor"]
    application = ApplicationFactory(company=ciso.company, eligible=True, created_by=ciso)
    with django_capture_on_commit_callbacks(execute=True):
        application = fire_transition(application=application, name="schedule", actor=office,
                                      data={"phase": PhaseFactory().pk})
        sheet = AssignmentFactory(application=application, expert=reviewer, assigned_by=office, stated=True)
        advice = AssignmentFactory(application=application, expert=advisor, assigned_by=office, stated=True)
        application = fire_transition(application=application, name="start_review", actor=office)
        ScoreSheetFactory(assignment=sheet, scores=uniform_scores(4), comment="reviewer-lee's view")
        AssessmentFactory(assignment=advice)
        application = fire_transition(application=application, name="request_supplement", actor=reviewer,
                                      data={"reason": "망 구성도를 보완해 주십시오."})
    letter = LetterFactory(application=ApplicationFactory(company=ciso.company, granted=True, created_by=ciso))
    report = FindingsReportFactory(letter=letter, filed=True, created_by=ciso)
    with django_capture_on_commit_callbacks(execute=True):
        report_accept(report=report, actor=office, note="잘 정리되었습니다.")
    return {"application": application, "letter": letter, "report": FindingsReport.objects.get(pk=report.pk)}


def _api_paths(world) -> list[str]:
    app, ref, report = world["application"].pk, world["letter"].reference, world["report"].pk
    return [
        "/api/v1/applications/", f"/api/v1/applications/{app}/", f"/api/v1/applications/{app}/history/",
        f"/api/v1/applications/{app}/documents/", f"/api/v1/applications/{app}/transitions/",
        f"/api/v1/applications/{app}/scores/", f"/api/v1/applications/{app}/assessments/",
        f"/api/v1/applications/{app}/assignments/", f"/api/v1/applications/{app}/scores/summary/",
        "/api/v1/letters/", f"/api/v1/letters/{ref}/", f"/api/v1/letters/{ref}/obligations/",
        f"/api/v1/letters/{ref}/reports/", f"/api/v1/letters/{ref}/reports/{report}/",
        "/api/v1/audit/", "/api/v1/users/", "/api/v1/conflicts/", "/api/v1/queue/", "/api/v1/board/",
    ]


def _page_paths(world) -> list[str]:
    app, ref, report = world["application"].pk, world["letter"].reference, world["report"].pk
    return [
        "/", reverse("screening:application-list"), reverse("screening:application-detail", args=[app]),
        reverse("screening:application-detail", args=[world["letter"].application_id]),
        reverse("letter-list"), reverse("reports:home"), reverse("reports:letter", args=[ref]),
        reverse("reports:report-detail", args=[report]), "/audit/", reverse("reports:exports"),
        reverse("screening:review", args=[app]), reverse("screening:assignments", args=[app]),
        reverse("screening:decision", args=[app]),
    ]


def _people_refs(payload) -> list[dict]:
    """Every {"id", "username", ...} in a JSON payload."""
    found = []
    if isinstance(payload, dict):
        if "username" in payload:
            found.append(payload)
        for value in payload.values():
            found += _people_refs(value)
    elif isinstance(payload, list):
        for value in payload:
            found += _people_refs(value)
    return found


@pytest.mark.parametrize("role", ["ciso", "company_staff"])
def test_no_api_answer_to_the_company_names_anyone_on_the_regulators_side(api, world, panel, role, ciso):
    user = ciso if role == "ciso" else UserFactory(staff=True, company=ciso.company)
    client = api.as_user(user)
    regulator_ids = {u.pk for u in panel.values()}
    for path in _api_paths(world):
        response = client.get(path)
        assert response.status_code in (200, 403, 404), path
        text = response.content.decode()
        assert not [s for s in secrets_of(panel) if s in text], path
        for ref in _people_refs(response.json()):
            assert ref["id"] not in regulator_ids, (path, ref)
    history = client.get(f"/api/v1/applications/{world['application'].pk}/history/").json()
    assert [(c["transition"], c["actor"]) for c in history] == [
        ("schedule", INSTITUTION_REF), ("start_review", INSTITUTION_REF), ("request_supplement", INSTITUTION_REF)]
    reports = client.get(f"/api/v1/letters/{world['letter'].reference}/reports/").json()
    assert reports[0]["review"]["reviewed_by"] == INSTITUTION_REF
    assert reports[0]["filed_by"] == {"id": ciso.pk, "username": ciso.username}  # the company's own people


def test_an_error_the_company_can_cause_names_nobody(api, world, panel, ciso):
    client = api.as_user(ciso)
    app = world["application"].pk
    for response in (client.post(f"/api/v1/applications/{app}/transitions/complete/", {}, format="json"),
                     client.post(f"/api/v1/applications/{app}/scores/", {"scores": {}}, format="json"),
                     client.get(f"/api/v1/applications/{app}/assignments/")):
        assert response.status_code in (400, 403, 404, 409)
        assert not [s for s in secrets_of(panel) if s in response.content.decode()]


def test_no_page_the_company_sees_names_anyone_on_the_regulators_side(client, login, world, panel, ciso):
    login(ciso)
    for path in _page_paths(world):
        response = client.get(path)
        assert response.status_code in (200, 302, 403, 404), path
        text = response.content.decode()
        assert not [s for s in secrets_of(panel) if s in text], path
    page = client.get(reverse("screening:application-detail", args=[world["application"].pk])).content.decode()
    assert page.count("금융위원회") >= 3 + 1  # each of the three changes, besides the header's logo


def test_no_mail_to_the_company_names_anyone_on_the_regulators_side(world, panel, ciso):
    to_company = [m for m in mail.outbox if ciso.email in m.recipients()]
    assert len(to_company) >= 4  # schedule, start_review, request_supplement, the accepted report
    for message in to_company:
        assert not [s for s in secrets_of(panel) if s in message.message().as_string()], message.subject
        assert set(message.recipients()) <= set(ciso.company.users.values_list("email", flat=True))


@pytest.mark.parametrize("role", ["program_admin", "auditor"])
def test_the_regulators_side_still_sees_who_acted(api, world, panel, role):
    client = api.as_user(UserFactory(**{role: True}))
    history = client.get(f"/api/v1/applications/{world['application'].pk}/history/").json()
    assert [c["actor"] for c in history] == [
        {"id": panel["office"].pk, "username": "office-kwon"}, {"id": panel["office"].pk, "username": "office-kwon"},
        {"id": panel["reviewer"].pk, "username": "reviewer-lee"}]
    reports = client.get(f"/api/v1/letters/{world['letter'].reference}/reports/").json()
    assert reports[0]["review"]["reviewed_by"] == {"id": panel["office"].pk, "username": "office-kwon"}


def test_who_may_learn_who_acted(panel, ciso, auditor, superuser):
    office = panel["office"]
    assert not discloses(office, viewer=ciso)
    assert not discloses(office, viewer=None)  # nobody known: an outsider
    assert discloses(office, viewer=auditor) and discloses(office, viewer=panel["reviewer"])
    assert not discloses(superuser, viewer=ciso)  # a superuser is on the regulator's side
    assert discloses(ciso, viewer=ciso) and discloses(ciso, viewer=None)
    assert person_ref(office, viewer=ciso) == {"id": None, "username": None, "organisation": "FSC"}
    assert person_ref(None, viewer=ciso) is None
    assert person_name(office, viewer=ciso) == "금융위원회"
    assert person_name(office, viewer=auditor) == "권나영"

