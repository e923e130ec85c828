"""Background exports: a row per request (ExportJob) with its progress, a file under
PRIVATE_STORAGE_ROOT/exports/, served only to whoever asked for it.

``export_request`` records the job and queues ``reports.run_export`` after commit; ``export_run`` writes
the file, updating ``rows_done`` as it goes (each update its own statement, so the progress page sees
it at once). Running a job twice is harmless: a finished job is left alone, an interrupted one is
written again from the start. Files older than ``KEEP_DAYS`` are removed by ``exports_purge``.
"""

import datetime as dt
import logging
import uuid

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.audit.services import audit_record
from portal.common.language import is_english
from portal.common.queue import enqueue
from portal.common.storage import delete_private, path_of, private_writer
from portal.errors import InvalidInput, NotAllowed
from reports import rules
from reports.enums import ExportDataset, ExportFormat, ExportState
from reports.exports.datasets import build_export
from reports.exports.writers import PROGRESS_EVERY, csv_lines, write_xlsx
from reports.models import ExportJob

logger = logging.getLogger(__name__)
KEEP_DAYS = 7


def clean_choice(dataset: str, fmt: str) -> tuple[str, str]:
    errors = {}
    if dataset not in ExportDataset.values:
        errors["dataset"] = [_("Choose what to export: %(choices)s.") % {"choices": ", ".join(ExportDataset.values)}]
    if fmt not in ExportFormat.values:
        errors["format"] = [_("Choose the format: csv or xlsx.")]
    if errors:
        raise InvalidInput(errors)
    return dataset, fmt


def export_request(*, actor, dataset: str, fmt: str) -> ExportJob:
    """Queue an export for ``actor`` (program office and auditors). Atomic, audited."""
    if not rules.can_export(actor):
        raise NotAllowed(_("Only the program office and auditors export data."), code="role_may_not")
    dataset, fmt = clean_choice(dataset, fmt)
    with transaction.atomic():
        language = "en" if is_english() else "ko"
        job = ExportJob(requested_by=actor, dataset=dataset, format=fmt, language=language)
        job.full_clean()
        job.save()
        audit_record(actor=actor, action="export.request", obj=job, after={"dataset": dataset, "format": fmt})
        transaction.on_commit(lambda: _queue(job.pk))
    return job


def export_record_download(*, actor, dataset: str, fmt: str, rows: int, job: ExportJob | None = None) -> None:
    """Record that ``actor`` took an export's data out of the portal: a streamed export as it starts,
    a background job's file each time it is downloaded. Audited in its own transaction."""
    with transaction.atomic():
        audit_record(actor=actor, action="export.download", obj=job, object_type=None if job else "reports.export",
                     object_id=None if job else dataset,
                     after={"dataset": dataset, "format": fmt, "rows": rows, "job": job.pk if job else None})


def _queue(job_id: int) -> None:
    # When the broker is down the job stays queued and its page offers to start it again.
    enqueue("reports.run_export", job_id)


def _update(job_id: int, **fields) -> None:
    ExportJob.objects.filter(pk=job_id).update(**fields)


def export_run(*, job_id: int) -> ExportJob:
    """Write the file of a queued (or interrupted) export. Idempotent."""
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    if job.state == ExportState.DONE:
        return job
    if not rules.can_export(job.requested_by):
        _update(job.pk, state=ExportState.FAILED, error="requester may no longer export", finished_at=timezone.now())
        job.refresh_from_db()
        return job
    with translation.override(job.language):  # labels are resolved when the export is built
        export = build_export(job.dataset, job.requested_by)
    total = export.count()
    _update(job.pk, state=ExportState.RUNNING, started_at=timezone.now(), rows_total=total, rows_done=0, error="")
    name = f"exports/{job.pk}-{uuid.uuid4().hex}.{job.format}"
    written = 0

    def counted(rows):
        nonlocal written
        for row in rows:
            written += 1
            if written % PROGRESS_EVERY == 0:
                _update(job.pk, rows_done=written)
            yield row

    try:
        with private_writer(name, prefix=".export-") as handle, translation.override(job.language):
            if job.format == ExportFormat.CSV:
                handle.writelines(csv_lines(export.header, counted(export.rows)))
            else:
                write_xlsx(handle, title=str(ExportDataset(job.dataset).label), header=export.header,
                           rows=counted(export.rows))
    except Exception as error:
        logger.exception("export %s failed", job.pk)
        _update(job.pk, state=ExportState.FAILED, error=str(error)[:500], finished_at=timezone.now())
        job.refresh_from_db()
        return job
    if job.file_name and job.file_name != name:
        delete_private(job.file_name)
    _update(job.pk, state=ExportState.DONE, rows_done=written, rows_total=max(total, written), file_name=name,
            file_size=path_of(name).stat().st_size, finished_at=timezone.now())
    job.refresh_from_db()
    return job


def exports_purge(*, now: dt.datetime | None = None) -> int:
    """Remove export files (and their rows) older than KEEP_DAYS."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=KEEP_DAYS)
    removed = 0
    for job in ExportJob.objects.filter(created_at__lt=cutoff):
        if job.file_name:
            delete_private(job.file_name)
        job.delete()
        removed += 1
    return removed
