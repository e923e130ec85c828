"""A regulator's home page says what waits for them, from every app (its query count: tests/test_query_counts.py)."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from tests.factories import ApplicationFactory, AssignmentFactory, FindingsReportFactory, ScoreSheetFactory
from tests.factories.otp import login_verified

pytestmark = pytest.mark.django_db


def _todos(client, user) -> dict[str, int]:
    login_verified(client, user)
    response = client.get("/")
    assert response.status_code == 200
    return {todo.label: todo.count for todo in response.context["todos"]}


def test_an_expert_sees_the_reviews_left_and_what_is_overdue(client, reviewer):
    today = timezone.localdate()
    AssignmentFactory(expert=reviewer, application=ApplicationFactory(under_review=True),
                      due_on=today - dt.timedelta(days=1))
    AssignmentFactory(expert=reviewer, application=ApplicationFactory(under_review=True), due_on=today)
    done = AssignmentFactory(expert=reviewer, application=ApplicationFactory(under_review=True))
    ScoreSheetFactory(assignment=done)
    assert _todos(client, reviewer) == {"마쳐야 할 심사": 2}
    page = client.get("/").content.decode()
    assert "기한 경과 1건" in page and 'href="/screening/queue/"' in page


def test_the_office_sees_applications_and_reports_waiting(client, program_admin):
    ApplicationFactory(eligible=True)
    ApplicationFactory(screened=True)
    ApplicationFactory(screened=True)
    FindingsReportFactory(filed=True)
    assert _todos(client, program_admin) == {"심사 차수에 배정할 적격 신청": 1, "결정할 심사 완료 신청": 2,
                                             "검토할 결과 보고서": 1}


def test_nothing_waiting_shows_no_section(client, auditor):
    ApplicationFactory(screened=True)
    assert _todos(client, auditor) == {}
    assert "처리할 일" not in client.get("/").content.decode()


def test_english_labels_agree_with_their_count(client, program_admin):
    ApplicationFactory(screened=True)
    ApplicationFactory(eligible=True)
    ApplicationFactory(eligible=True)
    login_verified(client, program_admin)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    todos = {todo.label: todo.count for todo in client.get("/").context["todos"]}
    assert todos == {"Screened application to decide": 1, "Eligible applications to schedule into a phase": 2}
