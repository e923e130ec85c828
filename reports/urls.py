"""Web pages of reports, included by portal/urls.py. Everything lives under /reports/ so no route can
clash with letters' pages (/letters/<reference>/...)."""

from django.urls import path

from reports.views import analysis, exports, reports, summary

app_name = "reports"

urlpatterns = [
    path("reports/", reports.reports_home, name="home"),
    path("reports/dashboard/", analysis.dashboard, name="dashboard"),
    path("reports/findings/", analysis.findings, name="findings"),
    path("reports/exports/", exports.exports_page, name="exports"),
    path("reports/exports/jobs/", exports.export_job_create, name="export-job-create"),
    path("reports/exports/jobs/<id:pk>/", exports.export_job, name="export-job"),
    path("reports/exports/jobs/<id:pk>/download/", exports.export_job_download, name="export-job-download"),
    path("reports/exports/<slug:dataset>.<slug:fmt>", exports.export_download, name="export-download"),
    path("reports/summary/", summary.summary_page, name="summary"),
    path("reports/summary.pdf", summary.summary_pdf, name="summary-pdf"),
    path("reports/letters/<str:reference>/", reports.letter_reports, name="letter"),
    path("reports/letters/<str:reference>/new/", reports.report_new, name="report-new"),
    path("reports/<id:pk>/", reports.report_detail, name="report-detail"),
    path("reports/<id:pk>/edit/", reports.report_edit, name="report-edit"),
    path("reports/<id:pk>/correct/", reports.report_correct, name="report-correct"),
    path("reports/<id:pk>/discard/", reports.report_discard, name="report-discard"),
    path("reports/<id:pk>/review/", reports.report_review, name="report-review"),
]
