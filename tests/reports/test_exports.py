"""Exports: each opens in its format with the right rows, formula injection is defused, findings are
anonymised per role, large exports run in the background with progress and a private download."""

import csv
import io

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from letters.models import LetterStatus
from portal.accounts.enums import Sector
from portal.audit.models import AuditEntry
from portal.common.storage import path_of
from reports.enums import ExportState, FindingStatus, ObligationKind, ObligationState, ReportKind, Severity
from reports.exports.jobs import export_run, exports_purge
from reports.exports.writers import csv_safe
from reports.models import ExportJob
from reports.services import obligations_sync
from screening.enums import ApplicationState
from screening.models import Application
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    FindingsReportFactory,
    LetterFactory,
    ScoreSheetFactory,
    UserFactory,
    finding_data,
)

pytestmark = pytest.mark.django_db

DATASETS = ("applications", "scores", "letters", "obligations", "findings")
INJECTION = "=HYPERLINK(\"http://evil.example\",\"click\")"


@pytest.fixture
def program(db):
    company = CompanyFactory(name_ko="가온은행")
    letters = [LetterFactory(application__company=company), LetterFactory()]
    ScoreSheetFactory(assignment__application=ApplicationFactory(screened=True))
    FindingsReportFactory(letter=letters[0], filed=True, findings=[
        finding_data(description=INJECTION), finding_data(category="credential_abuse", description="@SUM(A1)")])
    obligations_sync()
    return letters


EXPECTED_ROWS = {"applications": 3, "scores": 1, "letters": 2, "obligations": 4, "findings": 2}


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))


@pytest.mark.parametrize("dataset", DATASETS)
def test_csv_opens_with_the_right_rows(client, login, program_admin, program, dataset):
    login(program_admin)
    response = client.get(f"/reports/exports/{dataset}.csv")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert len(rows) == 1 + EXPECTED_ROWS[dataset]
    assert all(len(row) == len(rows[0]) for row in rows)
    entry = AuditEntry.objects.get(action="export.download")  # the data left the portal: who, what, how much
    assert entry.actor == program_admin and entry.object_id == dataset
    assert entry.after == {"dataset": dataset, "format": "csv", "rows": EXPECTED_ROWS[dataset], "job": None}


@pytest.mark.parametrize("dataset", DATASETS)
def test_xlsx_opens_with_the_right_rows(client, login, auditor, program, dataset):
    login(auditor)
    response = client.get(f"/reports/exports/{dataset}.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 1 + EXPECTED_ROWS[dataset]


def _by_header(rows) -> list[dict]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("language", ["ko", "en"])
def test_choices_and_yes_no_are_written_as_labels_in_the_exports_language(client, login, program_admin, program,
                                                                           language):
    login(program_admin)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    exports = {dataset: _csv(client.get(f"/reports/exports/{dataset}.csv")) for dataset in DATASETS}
    with translation.override(language):
        def labels(choices):
            return {str(label) for label in choices.labels}

        applications = _by_header(exports["applications"])
        sector, state, ai = _("Sector"), _("State"), _("AI vulnerability assessment")
        assert {row[sector] for row in applications} <= labels(Sector)
        assert {row[state] for row in applications} <= labels(ApplicationState)
        assert {row[ai] for row in applications} <= {_("Yes"), _("No")}
        assert {row[_("Status")] for row in _by_header(exports["letters"])} == {str(LetterStatus.VALID.label)}
        obligations = _by_header(exports["obligations"])
        assert {row[_("Report")] for row in obligations} == labels(ObligationKind)
        assert {row[_("State")] for row in obligations} <= labels(ObligationState)
        findings = _by_header(exports["findings"])
        assert {row[_("Report")] for row in findings} <= labels(ReportKind)
        assert {row[_("Severity")] for row in findings} <= labels(Severity)
        assert {row[_("Remediation status")] for row in findings} <= labels(FindingStatus)
        assert {row[_("Category code")] for row in findings} == {"prompt_injection", "credential_abuse"}  # a code
    cells = {cell for rows in exports.values() for row in rows[1:] for cell in row}
    assert not cells & {"bank", "screened", "valid", "interim", "upcoming", "high", "open", "true", "false"}
    assert all(row[0].startswith("FSC-NAL-") for row in exports["letters"][1:])  # references stay as they are


def test_csv_defuses_formulas(client, login, program_admin, program):
    login(program_admin)
    rows = _csv(client.get("/reports/exports/findings.csv"))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + INJECTION in cells and "'@SUM(A1)" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert [csv_safe(v) for v in ("-1+2", "+x", "\tx", "plain", -5, None, True)] == [
        "'-1+2", "'+x", "'\tx", "plain", "-5", "", "true"]


def test_xlsx_keeps_formulas_as_text(client, login, program_admin, program):
    login(program_admin)
    response = client.get("/reports/exports/findings.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == INJECTION]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_findings_export_is_anonymised_for_auditors(client, login, auditor, program_admin, program):
    login(auditor)
    rows = _csv(client.get("/reports/exports/findings.csv"))
    text = repr(rows)
    assert "가온은행" not in text and program[0].reference not in text
    assert rows[1][0] == "Company A"
    login(program_admin)
    named = _csv(client.get("/reports/exports/findings.csv"))
    assert named[1][0] == program[0].reference and named[1][1] == "가온은행"


@pytest.mark.parametrize("who", ["reviewer", "advisor", "ciso", "company_staff"])
def test_exports_are_for_the_office_and_auditors(client, login, who, request):
    login(request.getfixturevalue(who))
    assert client.get("/reports/exports/").status_code == 403
    assert client.get("/reports/exports/letters.csv").status_code == 403
    assert client.post("/reports/exports/jobs/", {"dataset": "letters", "format": "csv"}).status_code == 403


def test_unknown_dataset_or_format_is_404(client, login, program_admin):
    login(program_admin)
    assert client.get("/reports/exports/passwords.csv").status_code == 404
    assert client.get("/reports/exports/letters.pdf").status_code == 404


def test_large_exports_go_to_the_background(client, login, program_admin, program, monkeypatch):
    monkeypatch.setattr("reports.views.exports.EXPORT_INLINE_MAX_ROWS", 1)
    login(program_admin)
    response = client.get("/reports/exports/letters.csv")
    assert response.status_code == 302 and response["Location"] == "/reports/exports/"
    page = client.get("/reports/exports/")
    assert "Too large" in page.text


def _bulk_applications(n: int) -> None:
    """n applications: one made by the factory, copied n - 1 times by the database (fast)."""
    first = ApplicationFactory(filed=True)
    columns = ", ".join(f'"{f.column}"' for f in Application._meta.concrete_fields if f.column != "id")
    with connection.cursor() as cursor:
        cursor.execute(f'INSERT INTO "screening_application" ({columns}) SELECT {columns} '  # noqa: S608
                       f'FROM "screening_application", generate_series(1, %s) WHERE "id" = %s', [n - 1, first.pk])


@pytest.mark.parametrize(("fmt", "n"), [("csv", 10_000), ("xlsx", 2_500)])
def test_background_export(client, login, program_admin, fmt, n, django_capture_on_commit_callbacks):
    _bulk_applications(n)
    login(program_admin)
    with django_capture_on_commit_callbacks(execute=False) as queued:  # the worker's part is run below
        response = client.post("/reports/exports/jobs/", {"dataset": "applications", "format": fmt})
    assert response.status_code == 302 and len(queued) == 1
    job = ExportJob.objects.get()
    page = client.get(f"/reports/exports/jobs/{job.pk}/")
    assert page.status_code == 200 and 'http-equiv="refresh"' in page.text and "<progress" in page.text
    with CaptureQueriesContext(connection) as ctx:
        job = export_run(job_id=job.pk)
    progress_updates = [q for q in ctx.captured_queries
                        if q["sql"].startswith('UPDATE "reports_exportjob"') and '"rows_done"' in q["sql"]]
    assert len(progress_updates) >= n // 1000  # written row by row, progress every 1,000 rows
    assert job.state == ExportState.DONE and job.rows_done == job.rows_total == n
    assert export_run(job_id=job.pk).file_name == job.file_name  # running it again changes nothing
    download = client.get(f"/reports/exports/jobs/{job.pk}/download/")
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    else:
        rows = list(load_workbook(io.BytesIO(data), read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == n + 1
    entry = AuditEntry.objects.get(action="export.download")
    assert entry.actor == program_admin and entry.object_id == str(job.pk) and entry.after["rows"] == n
    # Someone else, even from the program office, cannot download it.
    login(UserFactory(program_admin=True))
    assert client.get(f"/reports/exports/jobs/{job.pk}/download/").status_code == 404
    assert client.get(f"/reports/exports/jobs/{job.pk}/").status_code == 404


def test_old_export_files_are_purged(program_admin, settings):
    job = ExportJob.objects.create(requested_by=program_admin, dataset="letters", format="csv")
    job = export_run(job_id=job.pk)
    path = path_of(job.file_name)
    assert path.exists()
    assert exports_purge(now=timezone.now() + timezone.timedelta(days=8)) == 1
    assert not path.exists() and not ExportJob.objects.exists()


def test_a_background_export_is_written_in_the_language_of_who_asked(client, login, program_admin, program,
                                                                      django_capture_on_commit_callbacks):
    login(program_admin)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=False):
        assert client.post("/reports/exports/jobs/", {"dataset": "letters", "format": "csv"}).status_code == 302
    job = ExportJob.objects.get()
    assert job.language == "en"
    job = export_run(job_id=job.pk)  # the worker runs with no request, in the default language
    rows = _csv(client.get(f"/reports/exports/jobs/{job.pk}/download/"))
    assert "Status" in rows[0] and {row[rows[0].index("Status")] for row in rows[1:]} == {"Valid"}
