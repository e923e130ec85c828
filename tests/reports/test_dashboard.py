"""The program dashboard: its figures, for a few letters and for 1,000 (its query count: tests/test_query_counts.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from reports.analytics.dashboard import program_dashboard
from reports.services import obligations_sync
from tests.factories import (
    ApplicationFactory,
    FindingsReportFactory,
    LetterFactory,
    ScoreSheetFactory,
    bulk_program,
    uniform_scores,
)

pytestmark = pytest.mark.django_db


def test_the_dashboard_of_a_thousand_letters(client, login, program_admin):
    bulk_program(1000)
    login(program_admin)
    page = client.get("/reports/dashboard/")
    assert "<svg" in page.text and "<script" not in page.text.split("</head>")[1]
    board = program_dashboard(today=timezone.localdate())
    assert board.letters["issued"] == 1000 and board.letters["revoked"] == 100
    assert board.companies >= 1000 and board.eligible_companies >= 1000


def test_dashboard_figures(program_admin):
    today = timezone.localdate()
    ApplicationFactory()  # a draft: not counted as applied
    ApplicationFactory(eligible=True)
    passing = ApplicationFactory(screened=True)
    failing = ApplicationFactory(screened=True)
    for application, value in ((passing, 4), (failing, 2)):
        for _ in range(3):
            ScoreSheetFactory(assignment__application=application, scores=uniform_scores(value))
    letter = LetterFactory()  # valid from today
    expiring = LetterFactory(issued_at=timezone.now() - dt.timedelta(days=350))  # within 30 days; both reports late
    LetterFactory(revoked=True)
    overdue_letter = LetterFactory(issued_at=timezone.now() - dt.timedelta(days=200))
    FindingsReportFactory(letter=letter, kind="ad_hoc", filed=True)
    board = program_dashboard(today=today)
    assert board.drafts == 1
    states = {state: n for state, _, n in board.by_state}
    assert states["eligible"] == 1 and states["screened"] == 2
    assert (board.screened, board.passed, board.pass_rate) == (2, 1, 50.0)
    assert [c.counts for c in board.criteria][0] == [0, 3, 0, 3, 0]
    assert board.letters == {"issued": 4, "in_force": 3, "not_yet": 0, "expiring_soon": 1, "expired": 0, "revoked": 1}
    assert [letter.reference for letter in board.expiring]
    # Obligations are created by the sync job; the dashboard counts what exists.
    obligations_sync()
    board = program_dashboard(today=today)
    assert board.obligations["overdue"] == 3
    assert {row["letter__reference"] for row in board.overdue} == {expiring.reference, overdue_letter.reference}
    assert board.awaiting_review == 1
