"""Exports: small ones stream at once (CSV row by row; XLSX written row by row to a temporary file),
large ones run as a background job with a progress page and a private download link."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.common.storage import path_of
from portal.errors import PortalError
from portal.ui.services import refused
from reports import rules
from reports.enums import EXPORT_INLINE_MAX_ROWS, ExportDataset, ExportFormat, ExportState
from reports.exports.datasets import build_export
from reports.exports.jobs import clean_choice, export_record_download, export_request
from reports.exports.writers import csv_lines, write_xlsx
from reports.models import ExportJob
from reports.selectors import today_in_seoul
from reports.views.common import require

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _may_export(request):
    require(rules.can_export(request.user), _("Only the program office and auditors export data."))


def _filename(dataset: str, fmt: str) -> str:
    return f"nal-{dataset}-{today_in_seoul().isoformat()}.{fmt}"


@login_required
def exports_page(request):
    _may_export(request)
    datasets = []
    for dataset in ExportDataset:
        count = build_export(dataset, request.user).count()
        datasets.append({"code": dataset.value, "label": dataset.label, "rows": count,
                         "inline": count <= EXPORT_INLINE_MAX_ROWS})
    jobs = ExportJob.objects.filter(requested_by=request.user).order_by("-created_at", "-id")[:20]
    return render(request, "reports/exports.html", {"datasets": datasets, "jobs": jobs, "formats": ExportFormat.choices,
                                                    "inline_max": EXPORT_INLINE_MAX_ROWS})


@login_required
def export_download(request, dataset, fmt):
    """Stream an export now, when it is small enough; larger ones are sent to the background job."""
    _may_export(request)
    try:
        dataset, fmt = clean_choice(dataset, fmt)
    except PortalError as error:
        raise Http404(error.message) from None
    export = build_export(dataset, request.user)
    rows = export.count()
    if rows > EXPORT_INLINE_MAX_ROWS:
        messages.info(request, _("This export has more than %(max)d rows: prepare it in the background below.")
                      % {"max": EXPORT_INLINE_MAX_ROWS})
        return redirect("reports:exports")
    export_record_download(actor=request.user, dataset=dataset, fmt=fmt, rows=rows)
    if fmt == ExportFormat.CSV:
        response = StreamingHttpResponse(csv_lines(export.header, export.rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_filename(dataset, fmt)}"'
    else:
        # Written row by row to a temporary file (deleted when the response closes it), then streamed.
        handle = tempfile.TemporaryFile()
        write_xlsx(handle, title=str(ExportDataset(dataset).label), header=export.header, rows=export.rows)
        handle.seek(0)
        response = FileResponse(handle, as_attachment=True, filename=_filename(dataset, fmt), content_type=XLSX)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def export_job_create(request):
    _may_export(request)
    try:
        job = export_request(actor=request.user, dataset=request.POST.get("dataset", ""),
                             fmt=request.POST.get("format", ""))
    except PortalError as error:
        refused(request, error)
        return redirect("reports:exports")
    return redirect("reports:export-job", pk=job.pk)


def _own_job(request, pk) -> ExportJob:
    job = get_object_or_404(ExportJob, pk=pk)
    if not rules.can_download_export(request.user, job):
        raise Http404(_("This export does not exist or is not available to you."))
    return job


@login_required
def export_job(request, pk):
    job = _own_job(request, pk)
    return render(request, "reports/export_job.html", {
        "job": job, "working": job.state in (ExportState.QUEUED, ExportState.RUNNING)})


@login_required
def export_job_download(request, pk):
    job = _own_job(request, pk)
    if job.state != ExportState.DONE or not job.file_name:
        raise Http404(_("This export is not ready."))
    path = path_of(job.file_name)
    if not path.exists():
        raise Http404(_("This export's file was removed; prepare it again."))
    export_record_download(actor=request.user, dataset=job.dataset, fmt=job.format, rows=job.rows_done, job=job)
    response = FileResponse(open(path, "rb"), as_attachment=True, filename=_filename(job.dataset, job.format),
                            content_type=XLSX if job.format == ExportFormat.XLSX else "text/csv; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
