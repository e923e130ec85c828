"""Celery tasks of reports. Each takes ids (or nothing), calls a service and may run twice.

Beat entries (portal/settings/base.py): ``reports.sync_obligations`` creates the obligations of newly
issued letters; ``reports.send_reminders`` is the daily reminder job (run hourly: it is idempotent,
so each reminder still goes out once, within the hour its day begins). Letters are expired by
letters' own job (``letters.expire_letters``), which also moves their applications to ``expired``.
"""

from celery import shared_task

from reports.exports.jobs import export_run, exports_purge
from reports.services import obligations_sync, send_report_reminders


@shared_task(name="reports.sync_obligations")
def sync_obligations() -> int:
    return obligations_sync()


@shared_task(name="reports.send_reminders")
def send_reminders() -> int:
    return send_report_reminders()


@shared_task(name="reports.run_export", acks_late=True, reject_on_worker_lost=True,
             soft_time_limit=1800, time_limit=1900)
def run_export(job_id: int) -> str:
    return export_run(job_id=int(job_id)).state


@shared_task(name="reports.purge_exports")
def purge_exports() -> int:
    return exports_purge()
